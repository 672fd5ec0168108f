import { compileExpression, implementStage, perRecord, setPath, splitPath } from '@duto/engine';
import { processorExpression } from './meta';

export const processorExpressionImpl = implementStage(processorExpression, (config) => {
  const fields = config.fields.map((field) => ({ path: splitPath(field.path), expression: compileExpression(field.expression) }));
  return {
    kind: 'processor',
    runtime: perRecord(async ({ value, attributes }) => {
      let result = value;
      // Each expression sees the fields set before it.
      for (const field of fields) result = setPath(result, field.path, await field.expression.evaluate({ value: result, attributes }));
      return { record: { value: result, attributes } };
    }),
  };
});
