import { startMosquitto, type TestMosquitto } from '@duto/stages/testing';
import { reading } from '../data';
import { quantile, reachCount } from '../measure';
import { BaselineProcess } from '../processes/baseline-process';
import type { ProcessUsage } from '../processes/proc-usage';
import { RunnerProcess } from '../processes/runner-process';
import type { PipelineResult, RunFigures } from '../report';
import { BenchTopics } from '../services/kafka';
import { LatencyObserver, p99ByWindow } from '../services/latency-observer';
import { connectMqtt, openSession } from '../services/mqtt';
import { publishPaced } from '../services/paced-publisher';
import { type BenchContext } from './context';
import { alternate } from './measure-pair';
import { chain } from './pipeline';

const RATE_PER_SECOND = 5000;
const SECONDS = 60;
const MIN_SECONDS = 2;
/** The run's p99 is also logged per window of this length. */
const WINDOW_MS = 5000;
/**
 * The pipeline's longest wait to fill a batch. The default (200 ms) trades latency for
 * larger batches; a latency-bound pipeline sets 0, as this one does: a batch leaves as
 * soon as a message waits, and the next one gathers while it is written, so batches still
 * grow with the load.
 */
const BATCH_WAIT_MS = 0;

interface MeasuredProcess {
  failure: Promise<never>;
  stop(): Promise<{ usage: ProcessUsage }>;
  kill(): void;
  readonly rssSeries: Array<{ atMs: number; rssMb: number }>;
}

/**
 * Scenario 5: latency from an MQTT publish (QoS 1) to the record being visible to a Kafka
 * consumer, at 5000 messages/s for 60 s. The bench publishes at that pace, stamping each
 * reading, and a consumer of the output topic takes each record's age. The process's
 * resident size at the start and end of the run shows growth in a steady run.
 * Baseline: the raw mqtt.js → kafkajs bridge of scenario 2, measured the same way.
 */
export async function latencyMqttKafka(context: BenchContext): Promise<PipelineResult> {
  const seconds = context.latencySeconds ?? Math.max(MIN_SECONDS, SECONDS * context.scale);
  const name = `${context.runId}-lat`;
  const broker = await startMosquitto();
  const topics = await BenchTopics.connect(context.kafkaBrokers);
  /**
   * An MQTT topic and a Kafka topic of its own for one run, and the subscriber's session
   * opened: what is published before the subscriber is connected waits in it.
   */
  const prepare = async (label: string) => {
    const output = `bench-${label}`;
    const topic = `bench/${label}/readings`;
    await topics.create(output);
    await openSession(broker.url, `bench-${label}`, topic);
    return { topic, output, clientId: `bench-${label}` };
  };
  try {
    const figures = await alternate(
      context.runs,
      async (run) => {
        const label = `${name}-duto-${run}`;
        const { topic, output, clientId } = await prepare(label);
        const document = chain(
          'bench: MQTT → Kafka, latency',
          [
            { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: [topic], qos: 1, clientId } },
            { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
          ],
          { batchWaitMs: BATCH_WAIT_MS },
        );
        context.log(`latency-mqtt-kafka: Duto, run ${run + 1}, ${RATE_PER_SECOND}/s for ${seconds} s`);
        return measureLatency(context.log, broker, topics, topic, output, seconds, label, () =>
          RunnerProcess.start({
            pipelineId: `${name}-${run}`,
            document,
            kafkaBrokers: context.kafkaBrokers,
            lakeDir: '/nonexistent',
            ...(context.profileDir ? { profileDir: context.profileDir } : {}),
          }),
        );
      },
      async (run) => {
        const label = `${name}-baseline-${run}`;
        const { topic, output, clientId } = await prepare(label);
        context.log(`latency-mqtt-kafka: baseline, run ${run + 1}`);
        const config = { url: broker.url, clientId, topic, brokers: context.kafkaBrokers, output };
        return measureLatency(context.log, broker, topics, topic, output, seconds, label, () => BaselineProcess.start('mqtt-to-kafka', config, context.profileDir));
      },
    );
    return { kind: 'pipeline', name: 'latency-mqtt-kafka', ...figures };
  } finally {
    await topics.close();
    await broker.stop();
  }
}

async function measureLatency(
  log: (line: string) => void,
  broker: TestMosquitto,
  topics: BenchTopics,
  topic: string,
  output: string,
  seconds: number,
  label: string,
  start: () => Promise<MeasuredProcess>,
): Promise<RunFigures> {
  const measured = await start();
  const observer = await LatencyObserver.start(topics.kafka, output, topics.group(`${label}-observer`));
  const publisher = await connectMqtt(broker.url, `${label}-publisher`, false);
  try {
    const { sent, startedAt } = await Promise.race([
      publishPaced(publisher, topic, RATE_PER_SECOND, seconds, (i, sentAt) => JSON.stringify({ ...reading(i), sentAt })),
      measured.failure,
    ]);
    await reachCount(label, async () => observer.count, sent, measured.failure);
    const { usage } = await measured.stop();
    const sorted = [...observer.latencies].sort((a, b) => a - b);
    const rss = steadyRss(measured.rssSeries);
    const windows = p99ByWindow(observer, startedAt, WINDOW_MS).map((ms) => ms.toFixed(0));
    log(`${label}: p99 ms per ${WINDOW_MS / 1000} s of publishing: ${windows.join(' ')}`);
    return {
      records: sent,
      recordsPerSec: sent / ((observer.lastArrival - startedAt) / 1000),
      peakRssMb: usage.peakRssMb,
      cpuSeconds: usage.cpuSeconds,
      latency: { p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1)! },
      rssStartMb: rss.startMb,
      rssEndMb: rss.endMb,
    };
  } finally {
    measured.kill();
    await publisher.endAsync();
    await observer.stop();
  }
}

/** The highest resident size in the second tenth of the run (after warm-up) and in its last tenth. */
function steadyRss(series: Array<{ atMs: number; rssMb: number }>): { startMb: number; endMb: number } {
  const end = series.at(-1)?.atMs ?? 0;
  const peak = (from: number, to: number) =>
    Math.max(0, ...series.filter((s) => s.atMs >= from * end && s.atMs <= to * end).map((s) => s.rssMb));
  return { startMb: peak(0.1, 0.2), endMb: peak(0.9, 1) };
}
