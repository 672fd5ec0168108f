import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorFilterImpl } from './impl';

describe('processor.filter', () => {
  it('keeps records whose condition is true and drops the rest without errors', async () => {
    const processor = await processorOf(processorFilterImpl, { condition: 'battery > 10 and sensorId != "bad"' });
    const { outputs, failures } = await processor.process([
      record({ battery: 50, sensorId: 'a' }),
      record({ battery: 5, sensorId: 'b' }),
      record({ battery: 90, sensorId: 'bad' }),
      record({ sensorId: 'no battery' }),
    ]);
    expect(outputs.map((o) => o.record.value.sensorId)).toEqual(['a']);
    expect(failures).toEqual([]);
  });

  it('fails a record whose condition errors', async () => {
    const processor = await processorOf(processorFilterImpl, { condition: 'battery > 10' });
    const { outputs, failures } = await processor.process([record({ battery: 'low' }), record({ battery: 20 })]);
    expect(outputs).toHaveLength(1);
    expect(failures[0]!.reason).toMatch(/T2009: .*same data type/);
  });
});
