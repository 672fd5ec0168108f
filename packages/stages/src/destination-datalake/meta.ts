import Type from 'typebox';
import { defineStage, LakePath, lakePathProblem, type ConfigProblem } from '@duto/model';
import { FieldPath, RecordFormat } from '../common/fields';

const TIME_TOKENS = new Set(['yyyy', 'MM', 'dd', 'HH', 'mm']);

/** What is wrong with a partition template, if anything. */
export function partitionTemplateProblem(template: string): string | undefined {
  for (const [, token] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (TIME_TOKENS.has(token!)) continue;
    if (/^field:[^.\s{}][^\s{}]*$/.test(token!)) continue;
    return `unknown placeholder {${token}}; use {yyyy} {MM} {dd} {HH} {mm} or {field:<path>}`;
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) return 'has an unbalanced { or }';
  return lakePathProblem(template.replace(/\{[^{}]*\}/g, 'x'));
}

export const destinationDatalake = defineStage({
  type: 'destination.datalake',
  category: 'destination',
  label: 'Data lake',
  description:
    'Writes files under the data lake root in Hive-style partition folders. A file is written hidden and renamed into place when complete, so readers never see a partial file.',
  icon: 'lake',
  outputs: { kind: 'none' },
  configSchema: Type.Object(
    {
      path: LakePath({ description: 'Folder under the data lake root, e.g. iot/readings.' }),
      partitionBy: Type.Optional(
        Type.String({
          maxLength: 500,
          description:
            'Partition folders below path: {yyyy} {MM} {dd} {HH} {mm} from the record time (UTC), {field:<path>} from a field, e.g. dt={yyyy}-{MM}-{dd}/hour={HH}.',
        }),
      ),
      timeField: Type.Optional(
        FieldPath('Field with the record\'s time (epoch ms or ISO-8601) for the time placeholders; unset uses processing time.'),
      ),
      format: Type.Optional(RecordFormat(['jsonl', 'csv', 'parquet'], 'jsonl', 'File format.')),
      compression: Type.Optional(
        Type.Enum(['snappy', 'zstd', 'none'], { default: 'snappy', description: 'Parquet compression codec.' }),
      ),
      rollRecords: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 100_000_000, default: 100_000, description: 'A file is completed after this many records.' }),
      ),
      rollBytes: Type.Optional(
        Type.Integer({ minimum: 1024, maximum: 10_737_418_240, default: 134_217_728, description: 'A file is completed at about this size.' }),
      ),
      rollIntervalMs: Type.Optional(
        Type.Integer({
          minimum: 1000,
          maximum: 86_400_000,
          default: 60_000,
          description: 'A file is completed this long after it was opened, even when records stop coming.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    const pathProblem = lakePathProblem(config.path);
    if (pathProblem) problems.push({ path: '/path', message: pathProblem });
    if (config.partitionBy !== undefined) {
      const templateProblem = partitionTemplateProblem(config.partitionBy);
      if (templateProblem) problems.push({ path: '/partitionBy', message: templateProblem });
    }
    return problems;
  },
  examples: [
    {
      path: 'iot/readings',
      partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}',
      timeField: 'ts',
      format: 'parquet',
      rollRecords: 100_000,
      rollIntervalMs: 60_000,
    },
  ],
});
