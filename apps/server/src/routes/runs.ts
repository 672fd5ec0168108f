import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { MetricsSnapshot, PipelineStatus, type Issue, type PipelineDocument, type PipelineValidator } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import type { PipelineStore } from '../store/pipeline-store';
import type { RunStore } from '../store/run-store';
import { RunConflictError, type Supervisor } from '../runner/supervisor';
import type { SnapshotReader } from '../live/current-snapshot';
import { runDocument } from '../runner/run-document';
import { PipelineIdParams, errorResponses, pipelineNotFound } from './route-schemas';

export interface RunRoutesOptions {
  store: PipelineStore;
  runs: RunStore;
  supervisor: Supervisor;
  validate: PipelineValidator;
  currentSnapshot: SnapshotReader;
  /** Issues for the secrets the document names that do not exist. */
  secretIssues: (document: PipelineDocument) => Issue[];
}

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

export const runRoutes: FastifyPluginAsyncTypebox<RunRoutesOptions> = async (app, { store, runs, supervisor, validate, currentSnapshot, secretIssues }) => {
  const pipelineOr404 = (id: string) => {
    const pipeline = store.get(id);
    if (!pipeline) throw pipelineNotFound(id);
    return pipeline;
  };

  app.post(
    '/api/pipelines/:id/start',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Start a pipeline; it resumes from its last committed offsets.',
        tags: ['run'],
        params: PipelineIdParams,
        body: Type.Optional(StartBody),
        response: { 202: PipelineStatus, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const pipeline = pipelineOr404(request.params.id);
      const parameters = request.body?.parameters ?? {};
      runDocument(pipeline.document, parameters, validate);
      const missingSecrets = secretIssues(pipeline.document);
      if (missingSecrets.length > 0) throw new ApiError(400, missingSecrets);
      try {
        supervisor.start(pipeline.id, parameters);
      } catch (error) {
        if (error instanceof RunConflictError) throw ApiError.single(409, ErrorCodes.conflict, error.message);
        throw error;
      }
      request.log.info({ pipelineId: pipeline.id }, 'pipeline started');
      request.audit('pipeline.start', pipeline.id, Object.keys(parameters).length > 0 ? { parameters: Object.keys(parameters) } : undefined);
      return reply.status(202).send(runs.status(pipeline.id)!);
    },
  );

  app.post(
    '/api/pipelines/:id/stop',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Stop a pipeline: the batch in flight is written and committed first. Answers once it has stopped.',
        tags: ['run'],
        params: PipelineIdParams,
        response: { 200: PipelineStatus, ...errorResponses(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      await supervisor.stop(pipeline.id);
      request.log.info({ pipelineId: pipeline.id }, 'pipeline stopped');
      request.audit('pipeline.stop', pipeline.id);
      return runs.status(pipeline.id)!;
    },
  );

  app.get(
    '/api/pipelines/:id/status',
    { config: { access: 'viewer' }, schema: { summary: 'Run state of a pipeline.', tags: ['run'], params: PipelineIdParams, response: { 200: PipelineStatus, ...errorResponses(404) } } },
    async (request) => {
      pipelineOr404(request.params.id);
      return runs.status(request.params.id)!;
    },
  );

  app.get(
    '/api/pipelines/:id/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The current metrics snapshot (the last one of the last run when stopped).',
        tags: ['run'],
        params: PipelineIdParams,
        response: { 200: MetricsSnapshot, ...errorResponses(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      return currentSnapshot(pipeline.id)!;
    },
  );

};
