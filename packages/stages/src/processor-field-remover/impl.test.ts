import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorFieldRemoverImpl } from './impl';

describe('processor.field-remover', () => {
  const value = { a: 1, b: { c: 2, d: 3 }, e: 4 };

  it('removes listed fields, nested ones too, and ignores missing ones', async () => {
    const processor = await processorOf(processorFieldRemoverImpl, { fields: ['a', 'b.c', 'missing.x'] });
    const { outputs } = await processor.process([record(value)]);
    expect(outputs[0]!.record.value).toEqual({ b: { d: 3 }, e: 4 });
    expect(value).toEqual({ a: 1, b: { c: 2, d: 3 }, e: 4 });
  });

  it('keeps only listed fields in keep mode', async () => {
    const processor = await processorOf(processorFieldRemoverImpl, { fields: ['b.d', 'e', 'missing'], mode: 'keep' });
    const { outputs } = await processor.process([record(value)]);
    expect(outputs[0]!.record.value).toEqual({ b: { d: 3 }, e: 4 });
  });
});
