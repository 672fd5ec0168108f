import { compileExpression, implementStage, isTruthy, perRecord } from '@duto/engine';
import { processorRouter } from './meta';

export const processorRouterImpl = implementStage(processorRouter, (config) => {
  const routes = config.routes.map((route) => ({ lane: route.lane, condition: compileExpression(route.condition) }));
  return {
    kind: 'processor',
    runtime: perRecord(async (record) => {
      for (const route of routes) {
        if (isTruthy(await route.condition.evaluate(record))) return { record, lane: route.lane };
      }
      return { record, lane: config.defaultLane };
    }),
  };
});
