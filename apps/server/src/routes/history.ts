import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiErrors, MetricsHistory, MetricsHistoryQuery } from '@duto/model';
import type { PipelineStore } from '../store/pipeline-store';
import type { MetricsHistoryRecorder } from '../metrics/history-recorder';
import { pipelineNotFound } from './route-schemas';

export interface HistoryRoutesOptions {
  store: PipelineStore;
  recorder: MetricsHistoryRecorder;
}

/** How far back the history goes when the client names no `since`. */
const DEFAULT_SPAN_MS = { '10s': 60 * 60 * 1000, '1m': 24 * 60 * 60 * 1000 } as const;

export const historyRoutes: FastifyPluginAsyncTypebox<HistoryRoutesOptions> = async (app, { store, recorder }) => {
  app.get(
    '/api/pipelines/:id/metrics/history',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Metrics rolled up per 10 s (kept 24 h) or per minute (kept 30 days), oldest first.',
        tags: ['run'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: MetricsHistoryQuery,
        response: { 200: MetricsHistory, 400: ApiErrors, 404: ApiErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!store.get(id)) throw pipelineNotFound(id);
      const { resolution = '10s', since, limit = 2000 } = request.query;
      const sinceMs = since === undefined ? Date.now() - DEFAULT_SPAN_MS[resolution] : Date.parse(since);
      return { pipelineId: id, resolution, buckets: recorder.history(id, resolution, sinceMs, limit) };
    },
  );
};
