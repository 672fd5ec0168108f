import Type from 'typebox';
import { defineStage } from '@duto/model';

export const destinationTrash = defineStage({
  type: 'destination.trash',
  category: 'destination',
  label: 'Trash',
  description: 'Discards records (for tests and benchmarks); they still count as written.',
  icon: 'trash',
  outputs: { kind: 'none' },
  configSchema: Type.Object({}, { additionalProperties: false }),
  examples: [{}],
});
