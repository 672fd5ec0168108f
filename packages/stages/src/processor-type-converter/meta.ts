import Type from 'typebox';
import { defineStage } from '@duto/model';
import { FieldPath } from '../common/fields';

export const processorTypeConverter = defineStage({
  type: 'processor.type-converter',
  category: 'processor',
  label: 'Type converter',
  description:
    'Converts fields to another type. A value that cannot be converted sends the record to the error lane with the field and the value.',
  icon: 'shuffle',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      conversions: Type.Array(
        Type.Object(
          {
            path: FieldPath('Field to convert, as a dotted path.'),
            to: Type.Enum(['string', 'integer', 'number', 'boolean', 'timestamp'], {
              description: 'Target type; timestamp makes an ISO-8601 UTC string from epoch milliseconds or a date string.',
            }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 500, description: 'Conversions, applied in order.' },
      ),
    },
    { additionalProperties: false },
  ),
  examples: [{ conversions: [{ path: 'temperature', to: 'number' }] }],
});
