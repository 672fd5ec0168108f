import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiErrors, ErrorRecordEntry, MetricsSnapshot, PipelineStatus, type PipelineValidator } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import type { PipelineStore } from '../store/pipeline-store';
import type { RunStore } from '../store/run-store';
import { RunConflictError, type Supervisor } from '../runner/supervisor';
import type { SnapshotReader } from '../live/current-snapshot';

export interface RunRoutesOptions {
  store: PipelineStore;
  runs: RunStore;
  supervisor: Supervisor;
  validate: PipelineValidator;
  currentSnapshot: SnapshotReader;
}

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ApiErrors]));
const StartBody = Type.Object(
  {
    parameters: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String({ maxLength: 100_000 }), {
        description: 'Values for this run, overriding the defaults in the document\'s parameters.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const runRoutes: FastifyPluginAsyncTypebox<RunRoutesOptions> = async (app, { store, runs, supervisor, validate, currentSnapshot }) => {
  const pipelineOr404 = (id: string) => {
    const pipeline = store.get(id);
    if (!pipeline) throw ApiError.single(404, ErrorCodes.notFound, `no pipeline has the id "${id}"`);
    return pipeline;
  };

  app.post(
    '/api/pipelines/:id/start',
    {
      schema: {
        summary: 'Start a pipeline; it resumes from its last committed offsets.',
        tags: ['run'],
        params: IdParams,
        body: Type.Optional(StartBody),
        response: { 202: PipelineStatus, ...errors(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const pipeline = pipelineOr404(request.params.id);
      const parameters = request.body?.parameters ?? {};
      const declared = pipeline.document.parameters ?? {};
      const unknown = Object.keys(parameters).filter((name) => !Object.hasOwn(declared, name));
      if (unknown.length > 0) {
        throw new ApiError(400, unknown.map((name) => ({ path: `/parameters/${name}`, message: 'is not a parameter of this pipeline', code: ErrorCodes.badRequest })));
      }
      const result = validate({ ...pipeline.document, parameters: { ...declared, ...parameters } });
      if (!result.valid) throw new ApiError(400, result.issues);
      try {
        supervisor.start(pipeline.id, parameters);
      } catch (error) {
        if (error instanceof RunConflictError) throw ApiError.single(409, ErrorCodes.conflict, error.message);
        throw error;
      }
      request.log.info({ pipelineId: pipeline.id }, 'pipeline started');
      return reply.status(202).send(runs.status(pipeline.id)!);
    },
  );

  app.post(
    '/api/pipelines/:id/stop',
    {
      schema: {
        summary: 'Stop a pipeline: the batch in flight is written and committed first. Answers once it has stopped.',
        tags: ['run'],
        params: IdParams,
        response: { 200: PipelineStatus, ...errors(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      await supervisor.stop(pipeline.id);
      request.log.info({ pipelineId: pipeline.id }, 'pipeline stopped');
      return runs.status(pipeline.id)!;
    },
  );

  app.get(
    '/api/pipelines/:id/status',
    { schema: { summary: 'Run state of a pipeline.', tags: ['run'], params: IdParams, response: { 200: PipelineStatus, ...errors(404) } } },
    async (request) => {
      pipelineOr404(request.params.id);
      return runs.status(request.params.id)!;
    },
  );

  app.get(
    '/api/pipelines/:id/metrics',
    {
      schema: {
        summary: 'The current metrics snapshot (the last one of the last run when stopped).',
        tags: ['run'],
        params: IdParams,
        response: { 200: MetricsSnapshot, ...errors(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      return currentSnapshot(pipeline.id)!;
    },
  );

  app.get(
    '/api/pipelines/:id/errors',
    {
      schema: {
        summary: 'The latest error records, newest first, with their stage and reason.',
        tags: ['run'],
        params: IdParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
          stageId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.Array(ErrorRecordEntry), ...errors(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      const { limit = 100, stageId } = request.query;
      return runs.errors(pipeline.id, stageId === undefined ? { limit } : { limit, stageId });
    },
  );
};
