import Type, { type Static } from 'typebox';

/** The one pipeline format this version reads and writes. */
export const PIPELINE_FORMAT = 'duto.pipeline/v1';

/**
 * Size bounds. They keep validation and the canvas fast and stop a hostile document
 * from costing the server more than a moment; a real pipeline is far below them.
 */
export const LIMITS = {
  stages: 500,
  edges: 2000,
  parameters: 200,
  nameLength: 200,
  descriptionLength: 10_000,
  stringLength: 100_000,
} as const;

export const STAGE_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const PARAMETER_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

export const OnRecordError = Type.Enum(['error-lane', 'discard', 'stop-pipeline'], {
  description:
    'What happens to a record that fails in a stage: keep it with its error in the error store, drop it, or stop the pipeline.',
  default: 'error-lane',
});

export const PipelineSettings = Type.Object(
  {
    batchSize: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: 1000,
        description:
          'Most records an origin hands over in one batch. Larger batches raise throughput and the memory held per batch.',
      }),
    ),
    batchWaitMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 60_000,
        default: 200,
        description:
          'Longest time an origin waits to fill a batch before handing over what it has. Bounds the latency added by batching.',
      }),
    ),
    onRecordError: Type.Optional(OnRecordError),
  },
  { additionalProperties: false },
);

export const Position = Type.Object(
  { x: Type.Number(), y: Type.Number() },
  { additionalProperties: false },
);

export const StageNode = Type.Object(
  {
    id: Type.String({ pattern: STAGE_ID_PATTERN, description: 'Unique within the pipeline.' }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    label: Type.Optional(Type.String({ maxLength: LIMITS.nameLength })),
    config: Type.Record(Type.String(), Type.Unknown()),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);

export const Edge = Type.Object(
  {
    from: Type.String({ pattern: STAGE_ID_PATTERN }),
    to: Type.String({ pattern: STAGE_ID_PATTERN }),
    lane: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const PipelineDocument = Type.Object(
  {
    format: Type.Literal(PIPELINE_FORMAT),
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameLength }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionLength })),
    parameters: Type.Optional(
      Type.Record(Type.String({ pattern: PARAMETER_NAME_PATTERN }), Type.String({ maxLength: LIMITS.stringLength }), {
        maxProperties: LIMITS.parameters,
        additionalProperties: false,
        description: 'Parameters used as ${NAME} in string configs, with their default values.',
      }),
    ),
    settings: Type.Optional(PipelineSettings),
    stages: Type.Array(StageNode, { maxItems: LIMITS.stages }),
    edges: Type.Array(Edge, { maxItems: LIMITS.edges }),
  },
  { additionalProperties: false },
);

export type PipelineDocument = Static<typeof PipelineDocument>;
export type StageNode = Static<typeof StageNode>;
export type Edge = Static<typeof Edge>;
export type PipelineSettings = Static<typeof PipelineSettings>;

export const DEFAULT_SETTINGS: Required<PipelineSettings> = {
  batchSize: 1000,
  batchWaitMs: 200,
  onRecordError: 'error-lane',
};
