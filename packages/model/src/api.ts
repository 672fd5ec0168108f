import Type, { type Static } from 'typebox';

/**
 * Shapes of the HTTP API, shared by the server (route schemas, OpenAPI) and the web
 * client (types). The pipeline document itself is validated by the pipeline validator,
 * not by the route, so that every problem comes back with its JSON Pointer path.
 */

export const RunState = Type.Enum(['STOPPED', 'STARTING', 'RUNNING', 'STOPPING', 'FAILED']);
export type RunState = Static<typeof RunState>;

export const ApiProblem = Type.Object({
  path: Type.String({ description: 'JSON Pointer to the problem; empty for the request as a whole.' }),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  stageId: Type.Optional(Type.String()),
});
export type ApiProblem = Static<typeof ApiProblem>;

export const ApiErrors = Type.Object({ errors: Type.Array(ApiProblem) });
export type ApiErrors = Static<typeof ApiErrors>;

/** The document in responses: any object (its own validator has vouched for it). */
export const DocumentBody = Type.Object({}, {
  additionalProperties: true,
  description: 'A duto.pipeline/v1 document (see the contract).',
});

export const PipelineSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  version: Type.Integer({ description: 'Number of the newest saved version.' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  state: RunState,
});
export type PipelineSummary = Static<typeof PipelineSummary>;

export const PipelineDetail = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  state: RunState,
  document: DocumentBody,
});

export const PipelineVersionSummary = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PipelineVersionSummary = Static<typeof PipelineVersionSummary>;

export const Created = Type.Object({ id: Type.String(), version: Type.Integer() });

export const ValidationReport = Type.Object({
  valid: Type.Boolean(),
  issues: Type.Array(ApiProblem),
});
export type ValidationReport = Static<typeof ValidationReport>;

export const PipelineStatus = Type.Object({
  state: RunState,
  since: Type.String({ format: 'date-time' }),
  error: Type.Optional(Type.String()),
});
export type PipelineStatus = Static<typeof PipelineStatus>;

export const StageCatalogEntry = Type.Object({
  type: Type.String(),
  category: Type.Enum(['origin', 'processor', 'destination']),
  label: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  outputs: Type.Object({}, { additionalProperties: true }),
  configSchema: Type.Object({}, { additionalProperties: true }),
  examples: Type.Array(Type.Object({}, { additionalProperties: true })),
});
export type StageCatalogEntry = Static<typeof StageCatalogEntry>;

export const Health = Type.Object({
  status: Type.Literal('ok'),
  kafka: Type.Object({ brokers: Type.Array(Type.String()), reachable: Type.Boolean() }),
});
export type Health = Static<typeof Health>;

const Counters = {
  in: Type.Integer({ description: 'Records received.' }),
  out: Type.Integer({ description: 'Records passed on (origins: read; destinations: written).' }),
  errors: Type.Integer({ description: 'Records that failed here.' }),
  recordsPerSec: Type.Number({ description: 'Rate of records in, over the last seconds.' }),
};

export const StageMetrics = Type.Object({
  ...Counters,
  batchMs: Type.Object({ p50: Type.Number(), p99: Type.Number() }, { description: 'Time this stage took per batch.' }),
});
export type StageMetrics = Static<typeof StageMetrics>;

/** The contract's metrics snapshot, pushed over the WebSocket and served by /metrics. */
export const MetricsSnapshot = Type.Object({
  pipelineId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  state: RunState,
  totals: Type.Object(Counters),
  stages: Type.Record(Type.String(), StageMetrics),
  kafkaLag: Type.Record(Type.String(), Type.Integer(), { description: 'Consumer lag per "<topic>/<partition>".' }),
});
export type MetricsSnapshot = Static<typeof MetricsSnapshot>;

export const ErrorRecordEntry = Type.Object({
  id: Type.Integer(),
  stageId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  reason: Type.String(),
  record: Type.Object({
    value: Type.Object({}, { additionalProperties: true }),
    attributes: Type.Record(Type.String(), Type.String()),
  }),
});
export type ErrorRecordEntry = Static<typeof ErrorRecordEntry>;
