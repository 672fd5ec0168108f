import Type from 'typebox';
import { defineStage } from '@duto/model';
import { FieldPath } from '../common/fields';

export const processorFieldRemover = defineStage({
  type: 'processor.field-remover',
  category: 'processor',
  label: 'Field remover',
  description: 'Removes the listed fields, or keeps only them.',
  icon: 'eraser',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      fields: Type.Array(FieldPath('A field, as a dotted path.'), { minItems: 1, maxItems: 500, description: 'Fields to remove or keep.' }),
      mode: Type.Optional(
        Type.Enum(['remove', 'keep'], { default: 'remove', description: 'remove drops the listed fields; keep drops every other field.' }),
      ),
    },
    { additionalProperties: false },
  ),
  examples: [{ fields: ['battery', 'debug.raw'], mode: 'remove' }],
});
