import type { MetricsSnapshot, PipelineStatus } from '@duto/model';

/**
 * What the supervisor tells the rest of the server about running pipelines. Listeners
 * (live fan-out, history, alerts) are called synchronously on the supervisor's event loop
 * turn, so they must return quickly and never block on a client or a slow consumer.
 */
export interface RunListener {
  onSnapshot?(snapshot: MetricsSnapshot): void;
  onState?(pipelineId: string, status: PipelineStatus): void;
}
