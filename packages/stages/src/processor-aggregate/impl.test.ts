import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorAggregateImpl } from './impl';

const minute = 60_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe('processor.aggregate', () => {
  it('emits each event-time window once, when it closes, with statistics per key', async () => {
    const processor = await processorOf(processorAggregateImpl, {
      groupBy: ['sensorId'],
      windowMs: minute,
      timeField: 'ts',
      aggregations: [
        { op: 'count', as: 'readings' },
        { op: 'avg', field: 'temperature', as: 'avgTemperature' },
        { op: 'min', field: 'temperature', as: 'minTemperature' },
        { op: 'max', field: 'temperature', as: 'maxTemperature' },
        { op: 'sum', field: 'temperature', as: 'sumTemperature' },
      ],
    });
    const result = await processor.process([
      record({ sensorId: 'a', ts: at(1000), temperature: 10 }),
      record({ sensorId: 'a', ts: at(2000), temperature: 20 }),
      record({ sensorId: 'b', ts: at(3000), temperature: 5 }),
      record({ sensorId: 'a', ts: at(minute + 1), temperature: 99 }),
    ]);
    expect(result.outputs).toEqual([]);
    const closed = processor.flush!(Date.UTC(2026, 0, 1) + minute + 1, false);
    expect(closed.map((o) => o.record.value)).toEqual([
      { windowStart: at(0), windowEnd: at(minute), sensorId: 'a', readings: 2, avgTemperature: 15, minTemperature: 10, maxTemperature: 20, sumTemperature: 30 },
      { windowStart: at(0), windowEnd: at(minute), sensorId: 'b', readings: 1, avgTemperature: 5, minTemperature: 5, maxTemperature: 5, sumTemperature: 5 },
    ]);
    expect(processor.flush!(Date.UTC(2026, 0, 1) + minute + 2, false)).toEqual([]);
    const last = processor.flush!(Date.UTC(2026, 0, 1) + minute + 3, true);
    expect(last.map((o) => o.record.value.readings)).toEqual([1]);
  });

  it('closes processing-time windows by the clock', async () => {
    const processor = await processorOf(processorAggregateImpl, { groupBy: [], windowMs: 100, aggregations: [{ op: 'count', as: 'n' }] });
    await processor.process([record({}), record({})]);
    expect(processor.flush!(Date.now() - 1000, false)).toEqual([]);
    const closed = processor.flush!(Date.now() + 200, false);
    expect(closed.map((o) => o.record.value.n)).toEqual([2]);
  });

  it('fails records without a usable time or with a non-numeric field', async () => {
    const processor = await processorOf(processorAggregateImpl, {
      groupBy: ['sensorId'],
      windowMs: minute,
      timeField: 'ts',
      aggregations: [{ op: 'sum', field: 'temperature', as: 't' }],
    });
    const { failures } = await processor.process([
      record({ sensorId: 'a', ts: 'yesterday', temperature: 1 }),
      record({ sensorId: 'a', ts: at(0), temperature: 'n/a' }),
    ]);
    expect(failures.map((f) => f.reason)).toEqual(['field ts is not a time (epoch ms or ISO-8601)', 'field temperature is "n/a", not a number']);
    expect(processor.flush!(Date.UTC(2026, 0, 2), true)).toEqual([]);
  });
});
