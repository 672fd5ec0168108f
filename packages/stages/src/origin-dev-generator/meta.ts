import Type from 'typebox';
import { defineStage } from '@duto/model';

export const originDevGenerator = defineStage({
  type: 'origin.dev-generator',
  category: 'origin',
  label: 'Dev generator',
  description:
    'Generates records for trying pipelines out, e.g. simulated IoT sensor readings. Every record has a seq number 0, 1, 2, … which is also the committed offset, so a restart resumes the sequence.',
  icon: 'sparkles',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      template: Type.Optional(
        Type.Enum(['iot-sensor', 'sequence'], {
          default: 'iot-sensor',
          description: 'iot-sensor: sensorId, ts, temperature, humidity, battery; sequence: only seq and ts.',
        }),
      ),
      recordsPerSecond: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, default: 100, description: 'Rate at which records are made.' }),
      ),
      count: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Records to make in all, then the origin stops; unset runs forever.' }),
      ),
      sensors: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: 'Number of simulated sensors (iot-sensor).' }),
      ),
      malformedRatio: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 1,
          default: 0,
          description: 'Share of readings made malformed (a temperature that is not a number), to exercise error handling.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  examples: [{ template: 'iot-sensor', recordsPerSecond: 50, sensors: 5 }],
});
