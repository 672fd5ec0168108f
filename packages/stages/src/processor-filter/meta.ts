import Type from 'typebox';
import { defineStage, Expression } from '@duto/model';

export const processorFilter = defineStage({
  type: 'processor.filter',
  category: 'processor',
  label: 'Filter',
  description: 'Keeps the records whose condition is true and drops the others (they are counted, not errors).',
  icon: 'filter',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      condition: Expression({ description: 'JSONata condition; a record is kept when it is true.', examples: ['battery > 10'] }),
    },
    { additionalProperties: false },
  ),
  examples: [{ condition: 'battery > 10' }],
});
