import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorExpressionImpl } from './impl';

describe('processor.expression', () => {
  it('sets fields in order, nested paths created, attributes readable, input untouched', async () => {
    const processor = await processorOf(processorExpressionImpl, {
      fields: [
        { path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' },
        { path: 'meta.hot', expression: 'temperatureF > 86' },
        { path: 'meta.topic', expression: '$attributes."mqtt.topic"' },
      ],
    });
    const input = record({ temperature: 31, meta: { site: 'a' } }, { 'mqtt.topic': 'sensors/1' });
    const { outputs, failures } = await processor.process([input]);
    expect(failures).toEqual([]);
    expect(outputs[0]!.record.value).toEqual({ temperature: 31, temperatureF: 87.8, meta: { site: 'a', hot: true, topic: 'sensors/1' } });
    expect(input.value).toEqual({ temperature: 31, meta: { site: 'a' } });
  });

  it('sends a record whose expression fails to the error lane and goes on with the batch', async () => {
    const processor = await processorOf(processorExpressionImpl, { fields: [{ path: 'f', expression: 'temperature * 2' }] });
    const { outputs, failures } = await processor.process([record({ temperature: 1 }), record({ temperature: 'n/a' }), record({ temperature: 3 })]);
    expect(outputs.map((o) => o.record.value.f)).toEqual([2, 6]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.record.value).toEqual({ temperature: 'n/a' });
    expect(failures[0]!.reason).toMatch(/must evaluate to a number/);
  });

  it('stops a runaway expression at its depth or time limit instead of hanging', async () => {
    const processor = await processorOf(processorExpressionImpl, {
      fields: [
        { path: 'deep', expression: '($f := function($n) { 1 + $f($n + 1) }; $f(0))' },
      ],
    });
    const started = Date.now();
    const { failures } = await processor.process([record({})]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(failures[0]!.reason).toMatch(/stack overflow/i);

    const loop = await processorOf(processorExpressionImpl, {
      fields: [{ path: 'sum', expression: '$sum([1..5000000].($ * 2))' }],
    });
    const loopStarted = Date.now();
    const looped = await loop.process([record({})]);
    expect(Date.now() - loopStarted).toBeLessThan(5000);
    expect(looped.failures[0]!.reason).toMatch(/timeout/i);
  });
});
