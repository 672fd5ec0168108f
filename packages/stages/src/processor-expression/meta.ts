import Type from 'typebox';
import { defineStage, Expression } from '@duto/model';
import { FieldPath } from '../common/fields';

export const processorExpression = defineStage({
  type: 'processor.expression',
  category: 'processor',
  label: 'Expression',
  description:
    'Sets fields from JSONata expressions evaluated on the record (attributes as $attributes). Fields are set in order, so a later expression sees an earlier result.',
  icon: 'function',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      fields: Type.Array(
        Type.Object(
          {
            path: FieldPath('Field to set, as a dotted path (a.b.c); created when missing.'),
            expression: Expression({ description: 'JSONata expression whose result is stored.', examples: ['temperature * 9 / 5 + 32'] }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 200, description: 'Fields to set, in order.' },
      ),
    },
    { additionalProperties: false },
  ),
  examples: [{ fields: [{ path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' }] }],
});
