import Type from 'typebox';
import { defineStage, type ConfigProblem } from '@duto/model';
import { FieldPath } from '../common/fields';

export const processorFieldRenamer = defineStage({
  type: 'processor.field-renamer',
  category: 'processor',
  label: 'Field renamer',
  description: 'Renames fields; a missing source field is left alone, an existing target field is overwritten.',
  icon: 'pencil',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      renames: Type.Array(
        Type.Object(
          { from: FieldPath('Current field, as a dotted path.'), to: FieldPath('New field, as a dotted path.') },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 500, description: 'Renames, applied in order.' },
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    const targets = new Set<string>();
    config.renames.forEach((rename, i) => {
      if (rename.from === rename.to) problems.push({ path: `/renames/${i}/to`, message: 'is the same as from' });
      if (targets.has(rename.to)) problems.push({ path: `/renames/${i}/to`, message: `"${rename.to}" is a target twice` });
      targets.add(rename.to);
    });
    return problems;
  },
  examples: [{ renames: [{ from: 'temp', to: 'temperature' }] }],
});
