import Type from 'typebox';
import { createCatalog, defineStage, Expression, Secret } from '../stage-definition';

/** A small catalog for the model's own tests: one stage of each shape. */
export const testCatalog = createCatalog([
  defineStage({
    type: 'origin.test',
    category: 'origin',
    label: 'Test origin',
    description: 'Test origin.',
    icon: 'x',
    outputs: { kind: 'single' },
    configSchema: Type.Object(
      {
        topic: Type.String({ minLength: 1 }),
        qos: Type.Optional(Type.Enum([0, 1, 2])),
        password: Type.Optional(Secret({ description: 'A secret.' })),
      },
      { additionalProperties: false },
    ),
    examples: [{ topic: 't' }],
  }),
  defineStage({
    type: 'processor.test-map',
    category: 'processor',
    label: 'Test map',
    description: 'Test processor.',
    icon: 'x',
    outputs: { kind: 'single' },
    configSchema: Type.Object({ expression: Expression({ description: 'An expression.' }) }, { additionalProperties: false }),
    lint: (config) => (config.expression === 'forbidden' ? [{ path: '/expression', message: 'is forbidden' }] : []),
    examples: [{ expression: 'a + 1' }],
  }),
  defineStage({
    type: 'processor.test-router',
    category: 'processor',
    label: 'Test router',
    description: 'Test router.',
    icon: 'x',
    outputs: { kind: 'lanes', from: '/routes/*/lane', default: '/defaultLane' },
    configSchema: Type.Object(
      {
        routes: Type.Array(Type.Object({ lane: Type.String(), condition: Expression({ description: 'A condition.' }) })),
        defaultLane: Type.String(),
      },
      { additionalProperties: false },
    ),
    examples: [{ routes: [{ lane: 'hot', condition: 't > 1' }], defaultLane: 'other' }],
  }),
  defineStage({
    type: 'destination.test',
    category: 'destination',
    label: 'Test destination',
    description: 'Test destination.',
    icon: 'x',
    outputs: { kind: 'none' },
    configSchema: Type.Object({}, { additionalProperties: false }),
    examples: [{}],
  }),
]);
