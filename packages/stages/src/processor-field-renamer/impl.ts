import { deletePath, getPath, hasPath, implementStage, perRecord, setPath, splitPath } from '@duto/engine';
import { processorFieldRenamer } from './meta';

export const processorFieldRenamerImpl = implementStage(processorFieldRenamer, (config) => {
  const renames = config.renames.map((r) => ({ from: splitPath(r.from), to: splitPath(r.to) }));
  return {
    kind: 'processor',
    runtime: perRecord(({ value, attributes }) => {
      let result = value;
      for (const { from, to } of renames) {
        if (!hasPath(result, from)) continue;
        const moved = getPath(result, from);
        result = setPath(deletePath(result, from), to, moved);
      }
      return { record: { value: result, attributes } };
    }),
  };
});
