import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PreviewRequest, PreviewResult } from '@duto/model';
import type { PreviewService } from '../preview/preview-service';
import { PipelineIdParams, errorResponses } from './route-schemas';


export const previewRoutes: FastifyPluginAsyncTypebox<{ previews: PreviewService }> = async (app, { previews }) => {
  app.post(
    '/api/pipelines/:id/preview',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Run up to maxRecords (default batchSize) records from the origin, or the pasted records, through the pipeline (saved, or the draft ' +
          'given) without writing to any destination or committing anything; answers each stage\'s input, output and error records. ' +
          'Reading is bounded by timeoutMs; the answer says whether it timed out. A draft\'s problems come back under /document.',
        tags: ['run'],
        params: PipelineIdParams,
        body: PreviewRequest,
        response: { 200: PreviewResult, ...errorResponses(400, 404, 413, 422, 429) },
      },
      // No body previews the saved pipeline with its defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => previews.preview(request.params.id, request.body),
  );
};
