import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { MetricsSnapshot } from '@duto/model';
import type { PipelineStore } from '../store/pipeline-store';
import type { SnapshotReader } from '../live/current-snapshot';
import { metricFamilies } from '../metrics/prometheus-families';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from '../metrics/prometheus-text';

export interface PrometheusRoutesOptions {
  store: PipelineStore;
  currentSnapshot: SnapshotReader;
}

/** `GET /metrics`: every pipeline's counters, rates, batch times, Kafka lag and state for Prometheus. */
export const prometheusRoutes: FastifyPluginAsyncTypebox<PrometheusRoutesOptions> = async (app, { store, currentSnapshot }) => {
  app.get(
    '/metrics',
    {
      // Scrapers authenticate with an API token (Authorization: Bearer).
      config: { access: 'viewer' },
      schema: {
        summary: 'Metrics of every pipeline in the Prometheus text format 0.0.4.',
        tags: ['run'],
        response: { 200: { content: { [PROMETHEUS_CONTENT_TYPE]: { schema: Type.String() } } } },
      },
    },
    async (_request, reply) => {
      const snapshots = store.list().flatMap((p): MetricsSnapshot[] => {
        const snapshot = currentSnapshot(p.id);
        return snapshot ? [snapshot] : [];
      });
      return reply.type(PROMETHEUS_CONTENT_TYPE).send(prometheusText(metricFamilies(snapshots)));
    },
  );
};
