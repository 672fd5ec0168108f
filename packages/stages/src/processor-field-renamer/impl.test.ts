import { describe, expect, it } from 'vitest';
import { processorOf, record } from '../testing/harness';
import { processorFieldRenamerImpl } from './impl';

describe('processor.field-renamer', () => {
  it('renames fields in order, into and out of nested objects, leaving missing ones alone', async () => {
    const processor = await processorOf(processorFieldRenamerImpl, {
      renames: [
        { from: 'temp', to: 'temperature' },
        { from: 'loc.lat', to: 'latitude' },
        { from: 'nothere', to: 'x' },
        { from: 'id', to: 'meta.id' },
      ],
    });
    const { outputs } = await processor.process([record({ temp: 21, loc: { lat: 1.5, lon: 2 }, id: 'a', temperature: 'old' })]);
    expect(outputs[0]!.record.value).toEqual({ temperature: 21, loc: { lon: 2 }, latitude: 1.5, meta: { id: 'a' } });
  });
});
