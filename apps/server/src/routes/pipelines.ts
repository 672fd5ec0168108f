import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  canonicalPipelineJson,
  Created,
  DocumentBody,
  PipelineDetail,
  PipelineSummary,
  PipelineVersionSummary,
  RetainedState,
  ValidationReport,
  type Issue,
  type PipelineDocument,
  type PipelineValidator,
} from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { PipelineRunningError, StaleVersionError, type PipelineStore } from '../store/pipeline-store';
import { PipelineIdParams, errorResponses, pipelineNotFound } from './route-schemas';
import { ReleaseError, type RetainedStates } from '../retained/retained-states';

export interface PipelineRoutesOptions {
  /** Issues for the services a valid document's stages cannot reach. */
  checkServices: (document: PipelineDocument) => Promise<Issue[]>;
  store: PipelineStore;
  validate: PipelineValidator;
  /** Whether a runner exists or a restart is pending: such a pipeline cannot be deleted. */
  isActive: (pipelineId: string) => boolean;
  /** How many of the pipeline's alerts fire now. */
  firingAlerts: (pipelineId: string) => number;
  retained: RetainedStates;
}

const DeleteQuery = Type.Object({
  release: Type.Optional(
    Type.Boolean({ description: 'Give back what the stages keep on services between runs (see GET .../retained) before deleting; nothing is deleted if that fails.' }),
  ),
});

const VersionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), version: Type.Integer({ minimum: 1 }) });

export const pipelineRoutes: FastifyPluginAsyncTypebox<PipelineRoutesOptions> = async (app, { store, validate, isActive, firingAlerts, checkServices, retained }) => {
  /** The document, or a 400 naming every problem by its JSON Pointer. */
  const validDocument = (body: unknown): PipelineDocument => {
    const result = validate(body);
    if (!result.valid) throw new ApiError(400, result.issues);
    return result.document;
  };
  const notFound = (id: string) => pipelineNotFound(id);

  app.get(
    '/api/pipelines',
    { config: { access: 'viewer' }, schema: { summary: 'List pipelines, most recently changed first.', tags: ['pipelines'], response: { 200: Type.Array(PipelineSummary) } } },
    async () => store.list().map((pipeline) => ({ ...pipeline, firingAlerts: firingAlerts(pipeline.id) })),
  );

  const createSchema = (summary: string) => ({
    summary,
    tags: ['pipelines'],
    body: DocumentBody,
    response: { 201: Created, ...errorResponses(400, 413, 415) },
  });
  for (const [url, summary, action] of [
    ['/api/pipelines', 'Create a pipeline from a document.', 'pipeline.create'],
    ['/api/pipelines/import', 'Import a pipeline document (as exported); nothing is stored when it is invalid.', 'pipeline.import'],
  ] as const) {
    app.post(url, { config: { access: 'editor' }, schema: createSchema(summary) }, async (request, reply) => {
      const created = store.create(validDocument(request.body));
      request.log.info({ pipelineId: created.id }, 'pipeline created');
      request.audit(action, created.id);
      return reply.status(201).send(created);
    });
  }

  app.get(
    '/api/pipelines/:id',
    { config: { access: 'viewer' }, schema: { summary: 'One pipeline: its newest version and run state.', tags: ['pipelines'], params: PipelineIdParams, response: { 200: PipelineDetail, ...errorResponses(404) } } },
    async (request) => store.get(request.params.id) ?? Promise.reject(notFound(request.params.id)),
  );

  app.put(
    '/api/pipelines/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Save a new version. With If-Match: <version>, refused with 409 when another save came first.',
        tags: ['pipelines'],
        params: PipelineIdParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^(W/)?"?[0-9]+"?$' })) }),
        body: DocumentBody,
        response: { 200: Created, ...errorResponses(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const document = validDocument(request.body);
      const ifMatch = request.headers['if-match'];
      const expected = ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, ''));
      try {
        const saved = store.update(request.params.id, document, expected);
        if (!saved) throw notFound(request.params.id);
        request.audit('pipeline.update', saved.id, { version: saved.version });
        return saved;
      } catch (error) {
        if (error instanceof StaleVersionError) {
          throw ApiError.single(409, ErrorCodes.staleVersion, `${error.message}: the newest is version ${error.current}; reload and save again`);
        }
        throw error;
      }
    },
  );

  app.delete(
    '/api/pipelines/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a pipeline and its versions; refused while it runs.',
        tags: ['pipelines'],
        params: PipelineIdParams,
        querystring: DeleteQuery,
        response: { 204: Type.Null(), ...errorResponses(404, 409, 502) },
      },
    },
    async (request, reply) => {
      if (isActive(request.params.id)) {
        throw ApiError.single(409, ErrorCodes.conflict, `pipeline ${request.params.id} is running or about to restart; stop it before deleting it`);
      }
      if (request.query.release) {
        const pipeline = store.get(request.params.id);
        if (!pipeline) throw notFound(request.params.id);
        try {
          await retained.release(request.params.id, pipeline.document);
        } catch (error) {
          if (error instanceof ReleaseError) throw ApiError.single(502, ErrorCodes.serviceFailed, `${error.message}; the pipeline was not deleted`);
          throw error;
        }
        request.log.info({ pipelineId: request.params.id }, 'retained state released');
      }
      try {
        if (!store.delete(request.params.id)) throw notFound(request.params.id);
      } catch (error) {
        if (error instanceof PipelineRunningError) throw ApiError.single(409, ErrorCodes.conflict, error.message);
        throw error;
      }
      request.log.info({ pipelineId: request.params.id }, 'pipeline deleted');
      request.audit('pipeline.delete', request.params.id, request.query.release ? { released: true } : undefined);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/pipelines/:id/retained',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "What the pipeline's stages keep on services between runs, which deleting it with ?release=true releases.",
        tags: ['pipelines'],
        params: PipelineIdParams,
        response: { 200: Type.Array(RetainedState), ...errorResponses(404) },
      },
    },
    async (request) => {
      const pipeline = store.get(request.params.id);
      if (!pipeline) throw notFound(request.params.id);
      return retained.list(request.params.id, pipeline.document);
    },
  );

  app.get(
    '/api/pipelines/:id/versions',
    { config: { access: 'viewer' }, schema: { summary: 'The saved versions, newest first.', tags: ['pipelines'], params: PipelineIdParams, response: { 200: Type.Array(PipelineVersionSummary), ...errorResponses(404) } } },
    async (request) => store.versions(request.params.id) ?? Promise.reject(notFound(request.params.id)),
  );

  app.get(
    '/api/pipelines/:id/versions/:version',
    { config: { access: 'viewer' }, schema: { summary: 'The document of one saved version.', tags: ['pipelines'], params: VersionParams, response: { 200: DocumentBody, ...errorResponses(404) } } },
    async (request) => {
      const { id, version } = request.params;
      return store.documentAt(id, version) ?? Promise.reject(ApiError.single(404, ErrorCodes.notFound, `pipeline "${id}" has no version ${version}`));
    },
  );

  app.get(
    '/api/pipelines/:id/export',
    {
      // Secrets are references in the document anyway; exporting is still a designer's act.
      config: { access: 'editor' },
      schema: {
        summary: 'The pipeline document as a download (canonical JSON: stable key order, 2-space indent).',
        tags: ['pipelines'],
        params: PipelineIdParams,
        produces: ['application/json'],
        response: { 200: { ...DocumentBody, description: 'The document, as a file attachment.' }, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const pipeline = store.get(request.params.id);
      if (!pipeline) throw notFound(request.params.id);
      request.audit('pipeline.export', pipeline.id, { version: pipeline.version });
      // A Buffer is sent as it is: the canonical text must not be re-serialized.
      return reply
        .header('content-disposition', `attachment; filename="${pipeline.id}.duto.json"`)
        .type('application/json; charset=utf-8')
        .send(Buffer.from(canonicalPipelineJson(pipeline.document)));
    },
  );

  app.post(
    '/api/validate',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Check a document that is not saved (a designer draft): the same report as a saved pipeline gets.',
        tags: ['pipelines'],
        body: DocumentBody,
        response: { 200: ValidationReport, ...errorResponses(413, 415) },
      },
    },
    async (request) => {
      const result = validate(request.body);
      return { valid: result.valid, issues: result.issues };
    },
  );

  app.post(
    '/api/pipelines/:id/validate',
    { config: { access: 'viewer' }, schema: { summary: 'Check the graph, every stage\'s config and whether the services the stages name can be reached (newest version).', tags: ['pipelines'], params: PipelineIdParams, response: { 200: ValidationReport, ...errorResponses(404) } } },
    async (request) => {
      const pipeline = store.get(request.params.id);
      if (!pipeline) throw notFound(request.params.id);
      const result = validate(pipeline.document);
      if (!result.valid) return { valid: false, issues: result.issues };
      const issues = await checkServices(result.document);
      return { valid: issues.length === 0, issues };
    },
  );
};
