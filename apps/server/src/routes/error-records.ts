import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { DiscardErrorsRequest, DiscardErrorsResult, ErrorRecordEntry, ReprocessRequest, ReprocessResult, type DutoRecord } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import type { PipelineStore } from '../store/pipeline-store';
import type { RunStore } from '../store/run-store';
import { ReprocessFailedError, RunConflictError, type Supervisor } from '../runner/supervisor';
import { PipelineIdParams, errorResponses, pipelineNotFound } from './route-schemas';

export interface ErrorRecordRoutesOptions {
  store: PipelineStore;
  runs: RunStore;
  supervisor: Supervisor;
}

const StageId = Type.String({ maxLength: 64 });
/** Error records read from the store at a time while an export streams. */
const EXPORT_PAGE = 500;

export const errorRecordRoutes: FastifyPluginAsyncTypebox<ErrorRecordRoutesOptions> = async (app, { store, runs, supervisor }) => {
  const pipelineOr404 = (id: string) => {
    const pipeline = store.get(id);
    if (!pipeline) throw pipelineNotFound(id);
    return pipeline;
  };

  app.get(
    '/api/pipelines/:id/errors',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The latest error records, newest first, with their stage and reason.',
        tags: ['errors'],
        params: PipelineIdParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
          stageId: Type.Optional(StageId),
        }),
        response: { 200: Type.Array(ErrorRecordEntry), ...errorResponses(404) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      const { limit = 100, stageId } = request.query;
      return runs.errors(pipeline.id, stageId === undefined ? { limit } : { limit, stageId });
    },
  );

  app.get(
    '/api/pipelines/:id/errors/export',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Every error record of the pipeline (or of one stage), oldest first, as a JSONL download: one error record per line.',
        tags: ['errors'],
        params: PipelineIdParams,
        querystring: Type.Object({ stageId: Type.Optional(StageId) }),
        produces: ['application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const pipeline = pipelineOr404(request.params.id);
      const { stageId } = request.query;
      const suffix = stageId === undefined ? '' : `-${stageId}`;
      return reply
        .header('content-disposition', `attachment; filename="${pipeline.id}${suffix}-errors.jsonl"`)
        .type('application/x-ndjson; charset=utf-8')
        .send(Readable.from(exportLines(runs, pipeline.id, stageId)));
    },
  );

  app.post(
    '/api/pipelines/:id/errors/reprocess',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Send error records back into the running pipeline, each into the stage where it failed (an origin\'s as its output). ' +
          'Answers once they are written downstream; only then are they removed from the list. Records that fail again become new error records.',
        tags: ['errors'],
        params: PipelineIdParams,
        body: ReprocessRequest,
        response: { 200: ReprocessResult, ...errorResponses(400, 404, 409, 502) },
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      if (runs.status(pipeline.id)?.state !== 'RUNNING') throw notRunning(pipeline.id);
      const found = runs.errorsByIds(pipeline.id, request.body.ids);
      const present = new Set(found.map((entry) => entry.id));
      const missing = [...new Set(request.body.ids)].filter((id) => !present.has(id));
      if (found.length === 0) return { reprocessed: 0, failedAgain: 0, missing };
      let failedAgain: number;
      try {
        failedAgain = await supervisor.reprocess(
          pipeline.id,
          found.map(({ stageId, record }) => ({ stageId, record: record as DutoRecord })),
        );
      } catch (error) {
        if (error instanceof RunConflictError) throw notRunning(pipeline.id);
        if (error instanceof ReprocessFailedError) {
          throw ApiError.single(error.refused ? 409 : 502, error.refused ? ErrorCodes.conflict : ErrorCodes.internal, `${error.message}; the error records are kept`);
        }
        throw error;
      }
      // Only now, with everything they reached durable and their new failures stored.
      runs.deleteErrors(pipeline.id, [...present]);
      request.log.info({ pipelineId: pipeline.id, reprocessed: found.length, failedAgain }, 'error records re-processed');
      request.audit('pipeline.reprocess', pipeline.id, { reprocessed: found.length, failedAgain });
      return { reprocessed: found.length, failedAgain, missing };
    },
  );

  app.delete(
    '/api/pipelines/:id/errors',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Discard error records: those listed, or all of the pipeline\'s.',
        tags: ['errors'],
        params: PipelineIdParams,
        body: DiscardErrorsRequest,
        response: { 200: DiscardErrorsResult, ...errorResponses(400, 404) },
      },
      // A DELETE usually comes without a body: that is "all of them".
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const pipeline = pipelineOr404(request.params.id);
      const discarded = runs.deleteErrors(pipeline.id, request.body.ids);
      request.log.info({ pipelineId: pipeline.id, discarded }, 'error records discarded');
      request.audit('pipeline.discard-errors', pipeline.id, { discarded });
      return { discarded };
    },
  );
};

function notRunning(pipelineId: string): ApiError {
  return ApiError.single(409, ErrorCodes.conflict, `pipeline ${pipelineId} is not running: start it (with the fixed config), then re-process its error records`);
}

/** The export, a page of lines at a time, read as the response is sent: never the whole list in memory. */
function* exportLines(runs: RunStore, pipelineId: string, stageId: string | undefined): Generator<string> {
  for (let afterId = 0; ; ) {
    const page = runs.errorsAfter(pipelineId, stageId === undefined ? { afterId, limit: EXPORT_PAGE } : { afterId, limit: EXPORT_PAGE, stageId });
    if (page.length === 0) return;
    yield page.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    afterId = page.at(-1)!.id;
  }
}
