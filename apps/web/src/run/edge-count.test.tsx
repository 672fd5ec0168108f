import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot, PreviewResult, StageMetrics } from '@duto/model';
import { countedSnapshot, edgeCount, previewEdgeCount } from './edge-count';

const stage = (out: number, lanes?: Record<string, number>): StageMetrics => ({
  in: out,
  out,
  errors: 0,
  recordsPerSec: 0,
  batchMs: { p50: 0, p99: 0 },
  ...(lanes ? { lanes } : {}),
});

const snapshot: MetricsSnapshot = {
  pipelineId: 'p',
  at: '2026-11-25T10:00:00.000Z',
  state: 'RUNNING',
  totals: { in: 10, out: 10, errors: 0, recordsPerSec: 0 },
  stages: { gen: stage(10), router: stage(10, { even: 6, odd: 4 }), old: stage(7) },
  kafkaLag: {},
};

describe('the count on an edge', () => {
  it('is what the source passed on', () => {
    expect(edgeCount(snapshot, 'gen', undefined)).toBe(10);
  });

  it('is the lane’s own count for an edge leaving a lane', () => {
    expect(edgeCount(snapshot, 'router', 'even')).toBe(6);
    expect(edgeCount(snapshot, 'router', 'odd')).toBe(4);
  });

  it('is zero for a lane nothing has gone to yet', () => {
    expect(edgeCount(snapshot, 'router', 'late')).toBe(0);
  });

  it('is unknown without a snapshot, for a stage the run does not count, or when lanes are not counted', () => {
    expect(edgeCount(undefined, 'gen', undefined)).toBeUndefined();
    expect(edgeCount(snapshot, 'new-stage', undefined)).toBeUndefined();
    expect(edgeCount(snapshot, 'old', 'even')).toBeUndefined();
  });
});

describe('the count on an edge in preview mode', () => {
  const record = { value: {}, attributes: {} };
  const result: PreviewResult = {
    origin: { stageId: 'gen', source: 'pasted', timedOut: false },
    tookMs: 3,
    stages: {
      gen: { stageId: 'gen', input: [], output: [{ record }, { record }, { record }], errors: [] },
      router: { stageId: 'router', input: [record, record, record], output: [{ record, lane: 'even' }, { record, lane: 'odd' }, { record, lane: 'even' }], errors: [] },
    },
  };

  it('counts what the source passed on in the preview, per lane for a lane', () => {
    expect(previewEdgeCount(result, 'gen', undefined)).toBe(3);
    expect(previewEdgeCount(result, 'router', 'even')).toBe(2);
    expect(previewEdgeCount(result, 'router', 'odd')).toBe(1);
    expect(previewEdgeCount(result, 'router', 'none')).toBe(0);
  });

  it('is unknown without a preview or for a stage it did not run', () => {
    expect(previewEdgeCount(undefined, 'gen', undefined)).toBeUndefined();
    expect(previewEdgeCount(result, 'added-since', undefined)).toBeUndefined();
  });
});

describe('which snapshot the canvas counts from', () => {
  const zeros = { ...snapshot, state: 'STOPPED' as const, totals: { in: 0, out: 0, errors: 0, recordsPerSec: 0 } };

  it('none for a pipeline that is stopped and never counted a record', () => {
    expect(countedSnapshot(zeros)).toBeUndefined();
    expect(countedSnapshot(undefined)).toBeUndefined();
  });

  it('a running one even before its first record, and a stopped one that counted', () => {
    expect(countedSnapshot({ ...zeros, state: 'STARTING' })).toBeDefined();
    expect(countedSnapshot({ ...snapshot, state: 'STOPPED' })).toBeDefined();
    expect(countedSnapshot({ ...zeros, totals: { ...zeros.totals, errors: 1 } })).toBeDefined();
  });
});
