import Type from 'typebox';
import { defineStage, type ConfigProblem } from '@duto/model';
import { FieldPath } from '../common/fields';

export const processorAggregate = defineStage({
  type: 'processor.aggregate',
  category: 'processor',
  label: 'Aggregate',
  description:
    'Tumbling-window statistics per key (count, sum, avg, min, max). A window\'s result is emitted once, when the window closes; its input records are not passed on.',
  icon: 'sigma',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      groupBy: Type.Array(FieldPath('A key field, as a dotted path.'), {
        maxItems: 20,
        default: [],
        description: 'Fields whose values form the key; empty aggregates all records together.',
      }),
      windowMs: Type.Integer({
        minimum: 100,
        maximum: 86_400_000,
        default: 60_000,
        description: 'Window length. Memory grows with the number of keys seen in one window.',
      }),
      timeField: Type.Optional(
        FieldPath('Field with the record\'s time (epoch ms or ISO-8601) that places it in a window; unset uses processing time.'),
      ),
      aggregations: Type.Array(
        Type.Object(
          {
            op: Type.Enum(['count', 'sum', 'avg', 'min', 'max'], { description: 'Statistic to compute.' }),
            field: Type.Optional(FieldPath('Numeric field the statistic reads; not needed for count.')),
            as: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$', description: 'Output field name.' }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 100, description: 'Statistics to compute per key and window.' },
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    const names = new Set<string>(config.groupBy);
    config.aggregations.forEach((aggregation, i) => {
      if (aggregation.op !== 'count' && aggregation.field === undefined) {
        problems.push({ path: `/aggregations/${i}/field`, message: `is required for ${aggregation.op}` });
      }
      if (names.has(aggregation.as)) problems.push({ path: `/aggregations/${i}/as`, message: `"${aggregation.as}" is already an output field` });
      names.add(aggregation.as);
    });
    return problems;
  },
  examples: [
    {
      groupBy: ['sensorId'],
      windowMs: 60_000,
      aggregations: [
        { op: 'count', as: 'readings' },
        { op: 'avg', field: 'temperature', as: 'avgTemperature' },
      ],
    },
  ],
});
