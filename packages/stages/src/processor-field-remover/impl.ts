import { deletePath, getPath, hasPath, implementStage, perRecord, setPath, splitPath, type FieldValue } from '@duto/engine';
import { processorFieldRemover } from './meta';

export const processorFieldRemoverImpl = implementStage(processorFieldRemover, (config) => {
  const paths = config.fields.map(splitPath);
  const keep = (value: FieldValue) =>
    paths.reduce<FieldValue>((kept, path) => (hasPath(value, path) ? setPath(kept, path, getPath(value, path)) : kept), {});
  const remove = (value: FieldValue) => paths.reduce(deletePath, value);
  const apply = config.mode === 'keep' ? keep : remove;
  return {
    kind: 'processor',
    runtime: perRecord(({ value, attributes }) => ({ record: { value: apply(value), attributes } })),
  };
});
