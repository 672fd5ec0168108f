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
