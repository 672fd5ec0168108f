import Type from 'typebox';
import { defineStage, LakePath, lakePathProblem, type ConfigProblem } from '@duto/model';
import { RecordFormat } from '../common/fields';

export const originDirectory = defineStage({
  type: 'origin.directory',
  category: 'origin',
  label: 'Directory',
  description:
    'Reads files dropped into a folder under the data lake root, remembering how far each file was read, and keeps, deletes or archives a file once all its records are committed.',
  icon: 'folder',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      path: LakePath({ description: 'Folder to watch, relative to the data lake root.' }),
      pattern: Type.Optional(
        Type.String({ minLength: 1, maxLength: 200, default: '*', description: 'File names to read, as a glob (* and ?).' }),
      ),
      format: Type.Optional(
        RecordFormat(['jsonl', 'csv', 'json'], 'jsonl', 'jsonl (an object per line), csv (with a header line) or json (an array of objects).'),
      ),
      afterRead: Type.Optional(
        Type.Enum(['keep', 'delete', 'archive'], {
          default: 'keep',
          description: 'What happens to a file once every record of it is committed.',
        }),
      ),
      archivePath: Type.Optional(LakePath({ description: 'Folder that read files are moved to, with afterRead = archive.' })),
      pollIntervalMs: Type.Optional(
        Type.Integer({ minimum: 100, maximum: 3_600_000, default: 1000, description: 'Time between looks at the folder.' }),
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    const pathProblem = lakePathProblem(config.path);
    if (pathProblem) problems.push({ path: '/path', message: pathProblem });
    if (config.archivePath !== undefined) {
      const archiveProblem = lakePathProblem(config.archivePath);
      if (archiveProblem) problems.push({ path: '/archivePath', message: archiveProblem });
    }
    if (config.afterRead === 'archive' && config.archivePath === undefined) {
      problems.push({ path: '/archivePath', message: 'is required when afterRead is archive' });
    }
    return problems;
  },
  examples: [{ path: 'incoming/orders', pattern: '*.jsonl', format: 'jsonl', afterRead: 'archive', archivePath: 'archive/orders' }],
});
