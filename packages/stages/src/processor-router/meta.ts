import Type from 'typebox';
import { defineStage, Expression, type ConfigProblem } from '@duto/model';
import { LANE_NAME } from '../common/fields';

export const processorRouter = defineStage({
  type: 'processor.router',
  category: 'processor',
  label: 'Router',
  description: 'Sends each record to the first lane whose condition holds, or to the default lane. Each lane is an output of its own.',
  icon: 'split',
  outputs: { kind: 'lanes', from: '/routes/*/lane', default: '/defaultLane' },
  configSchema: Type.Object(
    {
      routes: Type.Array(
        Type.Object(
          {
            lane: Type.String({ pattern: LANE_NAME, description: 'Lane name: lower-case letters, digits, - and _.' }),
            condition: Expression({ description: 'JSONata condition; true sends the record down this lane.' }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 100, description: 'Lanes, tried in order.' },
      ),
      defaultLane: Type.String({
        pattern: LANE_NAME,
        default: 'default',
        description: 'Lane for records that match no route.',
      }),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    const seen = new Set<string>();
    config.routes.forEach((route, i) => {
      if (seen.has(route.lane)) problems.push({ path: `/routes/${i}/lane`, message: `lane "${route.lane}" is used twice` });
      seen.add(route.lane);
    });
    if (seen.has(config.defaultLane)) {
      problems.push({ path: '/defaultLane', message: `must differ from every route's lane ("${config.defaultLane}" is a route)` });
    }
    return problems;
  },
  examples: [{ routes: [{ lane: 'alerts', condition: 'temperature > 30' }], defaultLane: 'normal' }],
});
