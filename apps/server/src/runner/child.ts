/**
 * The entry of a runner process: one pipeline, isolated from the server and from other
 * pipelines, so that a crash or a hot loop in it takes down nothing else. Offsets and
 * error records go to the server over IPC and are durable there before a batch is acked.
 */
import pino from 'pino';
import { createPipelineValidator } from '@duto/model';
import { PipelineRunner, PipelineStartError, ReprocessError, StopPipelineError, type RunnerHost } from '@duto/engine';
import { stageCatalog } from '@duto/stages/meta';
import { implementationsOf } from '@duto/stages/impl';
import type { FromRunner, RunnerRequest, ToRunner } from './protocol';
import { stageLogger } from './stage-logger';

// Twice a second, so that dashboards get a snapshot at least once a second even when a
// timer or the IPC channel runs a few milliseconds late.
const METRICS_INTERVAL_MS = 500;

const log = pino({ name: 'runner', level: process.env.DUTO_LOG_LEVEL || 'info' });
const pending = new Map<number, { resolve: (value: string | undefined) => void; reject: (error: Error) => void }>();
let nextRequest = 1;
let runner: PipelineRunner | undefined;
let stopping = false;
/** Every origin is ready: the pipeline takes records. */
let running = false;

function send(message: FromRunner): void {
  if (process.connected) process.send?.(message);
}

function request(body: RunnerRequest): Promise<string | undefined> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    if (!process.connected) return reject(new Error('the server is gone'));
    pending.set(id, { resolve, reject });
    send({ type: 'request', id, ...body });
  });
}

function exitFailed(error: unknown, retryable: boolean): void {
  log.error({ err: error }, 'pipeline failed');
  send({ type: 'failed', error: error instanceof Error ? error.message : String(error), retryable });
  // Let the IPC message leave before the process does.
  setTimeout(() => process.exit(1), 50);
}

async function start(message: Extract<ToRunner, { type: 'start' }>): Promise<void> {
  const pipelineLog = log.child({ pipelineId: message.pipelineId });
  const host: RunnerHost = {
    offsets: (stageId) => ({
      read: () => request({ op: 'read-offset', stageId }),
      commit: async (position) => void (await request({ op: 'commit-offset', stageId, position })),
    }),
    storeErrors: async (errors) => void (await request({ op: 'store-errors', errors })),
    logger: (stageId) => stageLogger(stageId ? pipelineLog.child({ stageId }) : pipelineLog),
    services: { kafkaBrokers: message.kafkaBrokers, lakeDir: message.lakeDir },
  };
  runner = new PipelineRunner({
    pipelineId: message.pipelineId,
    document: message.document,
    parameters: message.parameters,
    implementations: implementationsOf(),
    validate: createPipelineValidator(stageCatalog),
    host,
  });
  try {
    await runner.start();
  } catch (error) {
    exitFailed(error, !(error instanceof PipelineStartError));
    return;
  }
  send({ type: 'running' });
  running = true;
  const metrics = setInterval(() => send({ type: 'metrics', snapshot: runner!.snapshot(stopping ? 'STOPPING' : 'RUNNING') }), METRICS_INTERVAL_MS);
  runner.finished.then(
    () => {
      clearInterval(metrics);
      send({ type: 'metrics', snapshot: runner!.snapshot('STOPPED') });
      send({ type: 'stopped' });
      setTimeout(() => process.exit(0), 50);
    },
    (error) => {
      clearInterval(metrics);
      send({ type: 'metrics', snapshot: runner!.snapshot('FAILED') });
      exitFailed(error, !(error instanceof StopPipelineError));
    },
  );
}

/** Only a running pipeline takes records back; one that is starting or stopping refuses them. */
async function reprocess(message: Extract<ToRunner, { type: 'reprocess' }>): Promise<void> {
  try {
    if (!runner || !running || stopping) throw new ReprocessError('the pipeline is not running');
    send({ type: 'reprocessed', id: message.id, ok: true, failedAgain: await runner.reprocess(message.entries) });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    send({ type: 'reprocessed', id: message.id, ok: false, error: text, refused: error instanceof ReprocessError });
  }
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  if (!runner) process.exit(0);
  void runner.stop();
}

process.on('message', (message: ToRunner) => {
  if (message.type === 'start') void start(message).catch((error: unknown) => exitFailed(error, true));
  else if (message.type === 'stop') stop();
  else if (message.type === 'reprocess') void reprocess(message);
  else if (message.type === 'reply') {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.error));
  }
});
// The server went away: nothing more can be committed, so what is in flight is dropped
// (it was not acknowledged, and is read again on the next start) and the runner ends.
process.on('disconnect', () => {
  for (const waiting of pending.values()) waiting.reject(new Error('the server is gone'));
  pending.clear();
  setTimeout(() => process.exit(1), 10_000).unref();
  stop();
});
process.on('SIGTERM', stop);
