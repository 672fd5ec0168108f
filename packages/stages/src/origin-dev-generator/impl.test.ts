import { describe, expect, it } from 'vitest';
import type { DutoRecord } from '@duto/model';
import { testContext } from '../testing/harness';
import { originDevGeneratorImpl } from './impl';

describe('origin.dev-generator', () => {
  it('makes count records numbered from the committed offset, committing after each emit', async () => {
    const context = testContext({ settings: { batchSize: 40, batchWaitMs: 10, onRecordError: 'error-lane' } });
    await context.offsets.commit('100');
    const stage = await originDevGeneratorImpl.create({ template: 'iot-sensor', recordsPerSecond: 100_000, count: 250, sensors: 3, malformedRatio: 0 }, context);
    if (stage.kind !== 'origin') throw new Error('not an origin');
    const emitted: DutoRecord[] = [];
    await stage.runtime.run(async ({ records }) => void emitted.push(...records), () => {});
    expect(emitted.map((r) => r.value.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 100));
    expect(context.committed.at(-1)).toBe('250');
    expect(emitted[0]!.value).toMatchObject({ sensorId: 'sensor-002', temperature: expect.any(Number), humidity: expect.any(Number) });
  });

  it('makes the same readings for the same seq, and malformed ones on request', async () => {
    const make = async (malformedRatio: number) => {
      const context = testContext();
      const stage = await originDevGeneratorImpl.create({ template: 'iot-sensor', recordsPerSecond: 100_000, count: 200, sensors: 5, malformedRatio }, context);
      if (stage.kind !== 'origin') throw new Error('not an origin');
      const out: DutoRecord[] = [];
      await stage.runtime.run(async ({ records }) => void out.push(...records), () => {});
      return out.map(({ value: { ts: _ts, ...rest } }) => rest);
    };
    expect(await make(0)).toEqual(await make(0));
    const malformed = (await make(0.1)).filter((v) => v.temperature === 'n/a').length;
    expect(malformed).toBeGreaterThan(5);
    expect(malformed).toBeLessThan(40);
  });

  it('stops when the pipeline stops, after its batch in flight', async () => {
    const abort = new AbortController();
    const context = testContext({ signal: abort.signal });
    const stage = await originDevGeneratorImpl.create({ template: 'sequence', recordsPerSecond: 50, sensors: 1, malformedRatio: 0 }, context);
    if (stage.kind !== 'origin') throw new Error('not an origin');
    let emitted = 0;
    const running = stage.runtime.run(async ({ records }) => void (emitted += records.length), () => {});
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    await running;
    expect(emitted).toBeGreaterThan(5);
    expect(emitted).toBeLessThan(40);
    expect(context.committed.at(-1)).toBe(String(emitted));
  });
});
