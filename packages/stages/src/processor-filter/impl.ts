import { compileExpression, implementStage, isTruthy, perRecord } from '@duto/engine';
import { processorFilter } from './meta';

export const processorFilterImpl = implementStage(processorFilter, (config) => {
  const condition = compileExpression(config.condition);
  return {
    kind: 'processor',
    runtime: perRecord(async (record) => (isTruthy(await condition.evaluate(record)) ? { record } : null)),
  };
});
