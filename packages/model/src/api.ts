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
  firingAlerts: Type.Optional(Type.Integer({ minimum: 0, description: 'How many of its alerts fire now.' })),
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

/** What a stage keeps on a service between runs (a replication slot, a persistent session). */
export const RetainedState = Type.Object({
  stageId: Type.String(),
  description: Type.String(),
});
export type RetainedState = Static<typeof RetainedState>;

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
  lanes: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), { description: 'Records sent out per named output (stages with lanes, e.g. a router).' }),
  ),
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

/* ── Live metrics over the WebSocket `GET /api/ws` ─────────────────────────────────── */

/** What a client sends: start or stop receiving one pipeline's snapshots and events. */
export const LiveClientMessage = Type.Union([
  Type.Object({ subscribe: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object({ unsubscribe: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
]);
export type LiveClientMessage = Static<typeof LiveClientMessage>;

/** Pushed at once on every run-state change. */
export const LiveStateEvent = Type.Object({
  pipelineId: Type.String(),
  event: Type.Literal('state'),
  state: RunState,
  since: Type.Optional(Type.String({ format: 'date-time' })),
  error: Type.Optional(Type.String()),
});
export type LiveStateEvent = Static<typeof LiveStateEvent>;

/** A refused message; the socket stays open. */
export const LiveError = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type LiveError = Static<typeof LiveError>;

/* ── Metrics history ──────────────────────────────────────────────────────────────── */

export const MetricsResolution = Type.Enum(['10s', '1m']);
export type MetricsResolution = Static<typeof MetricsResolution>;

const BucketCounters = {
  in: Type.Integer({ description: 'Records received during the bucket.' }),
  out: Type.Integer({ description: 'Records passed on during the bucket.' }),
  errors: Type.Integer({ description: 'Records that failed during the bucket.' }),
  recordsPerSec: Type.Number({ description: 'Mean of the per-second rates seen during the bucket.' }),
};

export const MetricsBucket = Type.Object({
  start: Type.String({ format: 'date-time', description: 'Start of the bucket (inclusive).' }),
  end: Type.String({ format: 'date-time', description: 'End of the bucket (exclusive).' }),
  totals: Type.Object(BucketCounters),
  stages: Type.Record(
    Type.String(),
    Type.Object({
      ...BucketCounters,
      batchMs: Type.Object(
        { p50Max: Type.Number(), p99Max: Type.Number() },
        { description: 'Highest batch-time percentiles seen during the bucket.' },
      ),
    }),
  ),
  kafkaLag: Type.Record(Type.String(), Type.Integer(), { description: 'Highest consumer lag per "<topic>/<partition>" during the bucket.' }),
});
export type MetricsBucket = Static<typeof MetricsBucket>;

export const MetricsHistoryQuery = Type.Object({
  resolution: Type.Optional(MetricsResolution),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Buckets starting at or after this; default one hour (10s) or one day (1m) ago.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 2000, description: 'At most this many buckets, the newest.' })),
});
export type MetricsHistoryQuery = Static<typeof MetricsHistoryQuery>;

export const MetricsHistory = Type.Object({
  pipelineId: Type.String(),
  resolution: MetricsResolution,
  buckets: Type.Array(MetricsBucket, { description: 'Oldest first; the bucket still open is included.' }),
});
export type MetricsHistory = Static<typeof MetricsHistory>;

/* ── Alerts ───────────────────────────────────────────────────────────────────────── */

export const AlertKind = Type.Enum(['error-rate-above', 'throughput-below'], {
  description: 'error-rate-above: errors per second above the threshold; throughput-below: records per second below it.',
});
export type AlertKind = Static<typeof AlertKind>;

export const AlertRuleBody = Type.Object(
  {
    kind: AlertKind,
    threshold: Type.Number({ minimum: 0, maximum: 1e12, description: 'Errors or records per second.' }),
    forSeconds: Type.Integer({ minimum: 0, maximum: 86_400, description: 'How long the condition must hold before the alert fires.' }),
  },
  { additionalProperties: false },
);
export type AlertRuleBody = Static<typeof AlertRuleBody>;

export const Alert = Type.Object({
  id: Type.String(),
  pipelineId: Type.String(),
  kind: AlertKind,
  threshold: Type.Number(),
  forSeconds: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  firing: Type.Boolean(),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'When it started firing; only while it fires.' })),
});
export type Alert = Static<typeof Alert>;

/** Pushed when an alert starts or stops firing. */
export const LiveAlertEvent = Type.Object({
  pipelineId: Type.String(),
  event: Type.Literal('alert'),
  alert: Alert,
  firing: Type.Boolean(),
});
export type LiveAlertEvent = Static<typeof LiveAlertEvent>;

/* ── Preview ──────────────────────────────────────────────────────────────────────── */

export const PreviewRequest = Type.Object(
  {
    records: Type.Optional(
      Type.Array(Type.Object({}, { additionalProperties: true }), {
        maxItems: 10_000,
        description: 'Record values to run instead of reading the origin (pasted by the user).',
      }),
    ),
    originId: Type.Optional(Type.String({ description: 'The origin to read from, when the pipeline has several; default the first.' })),
    document: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'An unsaved draft of this pipeline to preview instead of its saved version.' })),
    parameters: Type.Optional(Type.Record(Type.String(), Type.String())),
    maxRecords: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Records to read at most; default the pipeline\'s batchSize.' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000, description: 'How long to wait for records from the origin.' })),
  },
  { additionalProperties: false },
);
export type PreviewRequest = Static<typeof PreviewRequest>;

const PreviewRecord = Type.Object({
  value: Type.Object({}, { additionalProperties: true }),
  attributes: Type.Record(Type.String(), Type.String()),
});

export const PreviewStage = Type.Object({
  stageId: Type.String(),
  input: Type.Array(PreviewRecord, { description: 'Records the stage received (empty for an origin).' }),
  output: Type.Array(
    Type.Object({ record: PreviewRecord, lane: Type.Optional(Type.String()) }),
    { description: 'Records it passed on (a destination passes on nothing: preview writes nowhere).' },
  ),
  errors: Type.Array(Type.Object({ record: PreviewRecord, reason: Type.String() }), { description: 'Records it sent to the error lane.' }),
});
export type PreviewStage = Static<typeof PreviewStage>;

export const PreviewResult = Type.Object({
  origin: Type.Object({
    stageId: Type.String(),
    source: Type.Enum(['origin', 'pasted']),
    timedOut: Type.Boolean({ description: 'The origin gave fewer records than asked within the timeout.' }),
  }),
  stages: Type.Record(Type.String(), PreviewStage),
  tookMs: Type.Number(),
});
export type PreviewResult = Static<typeof PreviewResult>;

/* ── Error records ────────────────────────────────────────────────────────────────── */

export const ReprocessRequest = Type.Object(
  { ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);
export type ReprocessRequest = Static<typeof ReprocessRequest>;

export const ReprocessResult = Type.Object({
  reprocessed: Type.Integer({ description: 'Error records sent back into the pipeline and removed from the list.' }),
  failedAgain: Type.Integer({ description: 'Of those, records that failed again (they are new error records).' }),
  missing: Type.Array(Type.Integer(), { description: 'Ids that were not found.' }),
});
export type ReprocessResult = Static<typeof ReprocessResult>;

export const DiscardErrorsRequest = Type.Object(
  { ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000, description: 'The error records to discard; all of the pipeline\'s when left out.' })) },
  { additionalProperties: false },
);
export type DiscardErrorsRequest = Static<typeof DiscardErrorsRequest>;

export const DiscardErrorsResult = Type.Object({ discarded: Type.Integer({ description: 'Error records removed from the list.' }) });
export type DiscardErrorsResult = Static<typeof DiscardErrorsResult>;

/* ── Data lake browser ────────────────────────────────────────────────────────────── */

export const LakeFileFormat = Type.Enum(['jsonl', 'csv', 'parquet']);
export type LakeFileFormat = Static<typeof LakeFileFormat>;

const LakePathText = Type.String({ maxLength: 1000, description: 'Relative to the data lake root, with / between folders.' });

export const LakeEntry = Type.Object({
  name: Type.String(),
  path: LakePathText,
  kind: Type.Enum(['folder', 'file']),
  modifiedAt: Type.String({ format: 'date-time' }),
  size: Type.Optional(Type.Integer({ minimum: 0, description: 'Bytes (files only).' })),
  format: Type.Optional(LakeFileFormat),
  records: Type.Optional(Type.Integer({ minimum: 0, description: 'Records in the file (files of a known format).' })),
  partition: Type.Optional(
    Type.Object({ key: Type.String(), value: Type.String() }, { description: 'A Hive-style partition folder (key=value).' }),
  ),
});
export type LakeEntry = Static<typeof LakeEntry>;

/** The Hive-style partition a folder name stands for (dt=2026-11-25), if it is one. */
export function hivePartition(name: string): { key: string; value: string } | undefined {
  const match = /^([^=]+)=(.*)$/.exec(name);
  return match ? { key: match[1]!, value: match[2]! } : undefined;
}

export const LakeListingQuery = Type.Object({ path: Type.Optional(Type.String({ maxLength: 1000, default: '', description: 'The folder; empty for the root.' })) });
export type LakeListingQuery = Static<typeof LakeListingQuery>;

export const LakeListing = Type.Object({
  path: LakePathText,
  entries: Type.Array(LakeEntry, { description: 'Folders, then files, each by name; hidden and in-progress files left out.' }),
  truncated: Type.Boolean({ description: 'The folder holds more entries than were listed.' }),
});
export type LakeListing = Static<typeof LakeListing>;

export const LakeFileQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: 1000, description: 'The file.' }) });
export type LakeFileQuery = Static<typeof LakeFileQuery>;

export const LakePreviewQuery = Type.Object({
  path: Type.String({ minLength: 1, maxLength: 1000, description: 'The file.' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Records to read at most, from the start.' })),
});
export type LakePreviewQuery = Static<typeof LakePreviewQuery>;

export const LakePreview = Type.Object({
  path: LakePathText,
  format: LakeFileFormat,
  columns: Type.Array(Type.String(), { description: 'The fields of the records read, in the order first seen.' }),
  records: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'The first records, as JSON (CSV cells as text).' }),
  totalRecords: Type.Integer({ minimum: 0 }),
  problems: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() }), { description: 'Lines among those read that are not records.' }),
});
export type LakePreview = Static<typeof LakePreview>;
