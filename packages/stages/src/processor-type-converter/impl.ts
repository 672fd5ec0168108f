import { getPath, hasPath, implementStage, perRecord, setPath, splitPath } from '@duto/engine';
import { processorTypeConverter } from './meta';
import { convert, type TargetType } from './convert';

export const processorTypeConverterImpl = implementStage(processorTypeConverter, (config) => {
  const conversions = config.conversions.map((c) => ({ name: c.path, path: splitPath(c.path), to: c.to as TargetType }));
  return {
    kind: 'processor',
    runtime: perRecord(({ value, attributes }) => {
      let result = value;
      for (const { name, path, to } of conversions) {
        if (!hasPath(result, path)) continue;
        try {
          result = setPath(result, path, convert(getPath(result, path), to));
        } catch (error) {
          throw new Error(`field ${name}: ${(error as Error).message}`);
        }
      }
      return { record: { value: result, attributes } };
    }),
  };
});
