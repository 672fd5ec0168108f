import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorRouterImpl } from './impl';

describe('processor.router', () => {
  it('sends each record to the first lane whose condition holds, else the default lane', async () => {
    const processor = await processorOf(processorRouterImpl, {
      routes: [
        { lane: 'alerts', condition: 'temperature > 30' },
        { lane: 'warm', condition: 'temperature > 25' },
      ],
      defaultLane: 'normal',
    });
    const { outputs, failures } = await processor.process([
      record({ id: 1, temperature: 35 }),
      record({ id: 2, temperature: 27 }),
      record({ id: 3, temperature: 10 }),
      record({ id: 4 }),
    ]);
    expect(outputs.map((o) => [o.record.value.id, o.lane])).toEqual([[1, 'alerts'], [2, 'warm'], [3, 'normal'], [4, 'normal']]);
    expect(failures).toEqual([]);
  });

  it('fails a record whose condition errors', async () => {
    const processor = await processorOf(processorRouterImpl, { routes: [{ lane: 'a', condition: '$number(x) > 1' }], defaultLane: 'b' });
    const { outputs, failures } = await processor.process([record({ x: 'abc' }), record({ x: '5' })]);
    expect(outputs.map((o) => o.lane)).toEqual(['a']);
    expect(failures).toHaveLength(1);
  });
});
