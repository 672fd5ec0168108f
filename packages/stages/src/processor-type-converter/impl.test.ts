import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorTypeConverterImpl } from './impl';

describe('processor.type-converter', () => {
  it('converts each field to its target type and leaves missing fields alone', async () => {
    const processor = await processorOf(processorTypeConverterImpl, {
      conversions: [
        { path: 'temperature', to: 'number' },
        { path: 'count', to: 'integer' },
        { path: 'ok', to: 'boolean' },
        { path: 'id', to: 'string' },
        { path: 'at', to: 'timestamp' },
        { path: 'missing', to: 'number' },
      ],
    });
    const { outputs, failures } = await processor.process([record({ temperature: ' 21.5 ', count: '7', ok: 'TRUE', id: 42, at: 0 })]);
    expect(failures).toEqual([]);
    expect(outputs[0]!.record.value).toEqual({ temperature: 21.5, count: 7, ok: true, id: '42', at: '1970-01-01T00:00:00.000Z' });
  });

  it('fails a record with the field and value that could not be converted', async () => {
    const processor = await processorOf(processorTypeConverterImpl, { conversions: [{ path: 'count', to: 'integer' }] });
    const { outputs, failures } = await processor.process([record({ count: '7.5' }), record({ count: 'x' }), record({ count: 3 })]);
    expect(outputs.map((o) => o.record.value.count)).toEqual([3]);
    expect(failures.map((f) => f.reason)).toEqual(['field count: cannot convert "7.5" to integer', 'field count: cannot convert "x" to integer']);
  });
});
