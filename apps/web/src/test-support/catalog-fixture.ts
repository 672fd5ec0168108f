import type { StageCatalogEntry } from '@duto/model';
import { buildDesignerCatalog } from '../catalog/stage-catalog';

/**
 * A small catalog in the shape GET /api/stages answers, for tests: one stage of each
 * shape the designer handles (origin, single output, lanes, destinations).
 */
const lanePattern = '^[a-z0-9][a-z0-9_-]{0,63}$';

export const fixtureEntries: StageCatalogEntry[] = [
  {
    type: 'origin.generator',
    category: 'origin',
    label: 'Generator',
    description: 'Makes records.',
    icon: 'sparkles',
    outputs: { kind: 'single' },
    configSchema: {
      type: 'object',
      properties: {
        template: { enum: ['iot-sensor', 'sequence'], default: 'iot-sensor', description: 'What to make.' },
        recordsPerSecond: { type: 'number', exclusiveMinimum: 0, default: 100, description: 'Rate.' },
        count: { type: 'integer', minimum: 1, description: 'Records in all.' },
      },
      additionalProperties: false,
    },
    examples: [],
  },
  {
    type: 'processor.expression',
    category: 'processor',
    label: 'Expression',
    description: 'Sets fields.',
    icon: 'function',
    outputs: { kind: 'single' },
    configSchema: {
      type: 'object',
      required: ['fields'],
      properties: {
        fields: {
          type: 'array',
          minItems: 1,
          description: 'Fields to set.',
          items: {
            type: 'object',
            required: ['path', 'expression'],
            properties: {
              path: { type: 'string', minLength: 1, description: 'Field to set.' },
              expression: { type: 'string', minLength: 1, 'x-expression': true, description: 'JSONata.' },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    examples: [],
  },
  {
    type: 'processor.router',
    category: 'processor',
    label: 'Router',
    description: 'Routes records to lanes.',
    icon: 'split',
    outputs: { kind: 'lanes', from: '/routes/*/lane', default: '/defaultLane' },
    configSchema: {
      type: 'object',
      required: ['routes', 'defaultLane'],
      properties: {
        routes: {
          type: 'array',
          minItems: 1,
          description: 'Lanes, tried in order.',
          items: {
            type: 'object',
            required: ['lane', 'condition'],
            properties: {
              lane: { type: 'string', pattern: lanePattern, description: 'Lane name.' },
              condition: { type: 'string', minLength: 1, 'x-expression': true, description: 'Condition.' },
            },
            additionalProperties: false,
          },
        },
        defaultLane: { type: 'string', pattern: lanePattern, default: 'default', description: 'Default lane.' },
      },
      additionalProperties: false,
    },
    examples: [],
  },
  {
    type: 'destination.kafka',
    category: 'destination',
    label: 'Kafka',
    description: 'Produces to Kafka.',
    icon: 'kafka',
    outputs: { kind: 'none' },
    configSchema: {
      type: 'object',
      required: ['topic'],
      properties: {
        topic: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$', description: 'Topic.' },
        password: {
          anyOf: [{ type: 'string' }, { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } }, additionalProperties: false }],
          'x-secret': true,
          writeOnly: true,
          description: 'Password.',
        },
        acks: { type: 'boolean', default: true, description: 'Whether to wait for acks.' },
      },
      additionalProperties: false,
    },
    examples: [],
  },
  {
    type: 'destination.trash',
    category: 'destination',
    label: 'Trash',
    description: 'Discards.',
    icon: 'trash',
    outputs: { kind: 'none' },
    configSchema: { type: 'object', properties: {}, additionalProperties: false },
    examples: [],
  },
];

export const fixtureCatalog = buildDesignerCatalog(fixtureEntries);
