import { RunState, type MetricsSnapshot } from '@duto/model';
import type { PrometheusFamily, PrometheusSample } from './prometheus-text';

/**
 * The metric families of `GET /metrics`, built from the same snapshots as the JSON API.
 * Counters count within a run and start again at 0 when a runner starts; Prometheus's
 * `rate()` treats that as a counter reset.
 */
export function metricFamilies(snapshots: MetricsSnapshot[]): PrometheusFamily[] {
  const family = (name: string, type: PrometheusFamily['type'], help: string, samples: PrometheusSample[]): PrometheusFamily => ({ name, type, help, samples });
  const perPipeline = (value: (s: MetricsSnapshot) => number) => snapshots.map((s) => ({ labels: { pipeline_id: s.pipelineId }, value: value(s) }));
  const perStage = (value: (stage: MetricsSnapshot['stages'][string]) => number, extra: Record<string, string> = {}) =>
    snapshots.flatMap((s) => Object.entries(s.stages).map(([stageId, stage]) => ({ labels: { pipeline_id: s.pipelineId, stage_id: stageId, ...extra }, value: value(stage) })));

  return [
    family('duto_pipeline_records_in_total', 'counter', 'Records read by the origins of the pipeline in its current run.', perPipeline((s) => s.totals.in)),
    family('duto_pipeline_records_out_total', 'counter', 'Records written by the destinations of the pipeline in its current run.', perPipeline((s) => s.totals.out)),
    family('duto_pipeline_record_errors_total', 'counter', 'Records that failed in any stage of the pipeline in its current run.', perPipeline((s) => s.totals.errors)),
    family('duto_pipeline_records_per_second', 'gauge', 'Records read per second by the pipeline, over the last seconds.', perPipeline((s) => s.totals.recordsPerSec)),
    family('duto_stage_records_in_total', 'counter', 'Records received by the stage in the current run.', perStage((st) => st.in)),
    family('duto_stage_records_out_total', 'counter', 'Records passed on by the stage in the current run.', perStage((st) => st.out)),
    family('duto_stage_record_errors_total', 'counter', 'Records that failed in the stage in the current run.', perStage((st) => st.errors)),
    family('duto_stage_records_per_second', 'gauge', 'Records received per second by the stage, over the last seconds.', perStage((st) => st.recordsPerSec)),
    family('duto_stage_batch_milliseconds', 'gauge', 'Time the stage took per batch, by quantile over its recent batches.', [
      ...perStage((st) => st.batchMs.p50, { quantile: '0.5' }),
      ...perStage((st) => st.batchMs.p99, { quantile: '0.99' }),
    ]),
    family(
      'duto_kafka_consumer_lag',
      'gauge',
      'Records in the partition not yet read by the pipeline\'s Kafka origin.',
      snapshots.flatMap((s) => Object.entries(s.kafkaLag).map(([key, lag]) => ({ labels: { pipeline_id: s.pipelineId, ...topicPartition(key) }, value: lag }))),
    ),
    family(
      'duto_pipeline_state',
      'gauge',
      'Run state of the pipeline: 1 for its current state, 0 for the others.',
      snapshots.flatMap((s) => RunState.enum.map((state) => ({ labels: { pipeline_id: s.pipelineId, state }, value: s.state === state ? 1 : 0 }))),
    ),
  ];
}

/** "<topic>/<partition>": topic names cannot contain "/", but split at the last one to be safe. */
function topicPartition(key: string): { topic: string; partition: string } {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? { topic: key, partition: '' } : { topic: key.slice(0, slash), partition: key.slice(slash + 1) };
}
