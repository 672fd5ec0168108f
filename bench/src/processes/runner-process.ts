import type { MetricsSnapshot, PipelineDocument } from '@duto/model';
import type { FromRunner, ToRunner } from '../../../apps/server/src/runner/protocol';
import { runnerBundle } from '../../../apps/server/src/runner/runner-bundle';
import { MeasuredChild } from './measured-child';
import type { ProcessUsage } from './proc-usage';

export interface RunnerOptions {
  pipelineId: string;
  document: PipelineDocument;
  kafkaBrokers: string[];
  lakeDir: string;
  profileDir?: string;
}

export interface RunnerOutcome {
  usage: ProcessUsage;
  /** The snapshot the runner sent as it stopped: the pipeline's final counts. */
  snapshot: MetricsSnapshot;
  /** Error records the pipeline asked to store; a clean benchmark has none. */
  errorRecords: number;
}

/**
 * A pipeline in a runner process, with the supervisor's side of the protocol played by
 * the bench: offsets are kept in memory (every bench pipeline starts fresh), error
 * records are counted.
 */
export class RunnerProcess {
  /** Rejects if the runner fails or exits before it is told to stop. */
  readonly failure: Promise<never>;
  private readonly process: MeasuredChild;
  private readonly offsets = new Map<string, string>();
  private errorRecords = 0;
  private stopping = false;
  private snapshot: MetricsSnapshot | undefined;

  private constructor(entry: string, options: RunnerOptions) {
    this.process = new MeasuredChild(entry, {
      profileName: `runner-${options.pipelineId}`,
      ...(options.profileDir ? { profileDir: options.profileDir } : {}),
      env: { DUTO_LOG_LEVEL: process.env.DUTO_LOG_LEVEL ?? 'error' },
    });
    this.process.child.on('message', (message: FromRunner) => this.onMessage(message));
    this.failure = new Promise<never>((_, reject) => {
      this.process.child.on('message', (message: FromRunner) => {
        if (message.type === 'failed') reject(new Error(`pipeline ${options.pipelineId} failed: ${message.error}`));
      });
      void this.process.exited.then(({ code, signal }) => {
        if (!this.stopping) reject(new Error(`runner of ${options.pipelineId} exited (${signal ?? `code ${code}`})`));
      });
    });
    this.failure.catch(() => {});
  }

  /** Forks the runner and starts the pipeline; resolves once it reports RUNNING. */
  static async start(options: RunnerOptions): Promise<RunnerProcess> {
    // The server's runner, bundled as the server bundles it: the pipeline runs as in production.
    const runner = new RunnerProcess(await runnerBundle(), options);
    const running = runner.process.waitFor((m: FromRunner) => (m.type === 'running' ? true : undefined), 'the pipeline ran');
    runner.send({
      type: 'start',
      pipelineId: options.pipelineId,
      document: options.document,
      parameters: {},
      kafkaBrokers: options.kafkaBrokers,
      lakeDir: options.lakeDir,
    });
    try {
      await Promise.race([running, runner.failure]);
    } catch (error) {
      runner.process.kill();
      throw error;
    }
    return runner;
  }

  get pid(): number {
    return this.process.child.pid!;
  }

  get rssSeries() {
    return this.process.sampler.rssSeries;
  }

  /** Stops the pipeline as the supervisor does (the batch in flight is committed) and waits for the exit. */
  async stop(): Promise<RunnerOutcome> {
    this.stopping = true;
    const stopped = this.process.waitFor((m: FromRunner) => (m.type === 'stopped' ? true : m.type === 'failed' ? m : undefined), 'it stopped');
    this.send({ type: 'stop' });
    const answer = await stopped;
    this.process.sampler.sample();
    if (answer !== true) throw new Error(`the pipeline failed while stopping: ${answer.error}`);
    const { code } = await this.process.exited;
    if (code !== 0) throw new Error(`the runner exited with code ${code} after stopping`);
    return { usage: this.process.sampler.last!, snapshot: this.snapshot!, errorRecords: this.errorRecords };
  }

  kill(): void {
    this.process.kill();
  }

  private onMessage(message: FromRunner): void {
    if (message.type === 'metrics') this.snapshot = message.snapshot;
    if (message.type !== 'request') return;
    if (message.op === 'read-offset') {
      const value = this.offsets.get(message.stageId);
      this.send(value === undefined ? { type: 'reply', id: message.id, ok: true } : { type: 'reply', id: message.id, ok: true, value });
      return;
    }
    if (message.op === 'commit-offset') this.offsets.set(message.stageId, message.position);
    else this.errorRecords += message.errors.length;
    this.send({ type: 'reply', id: message.id, ok: true });
  }

  private send(message: ToRunner): void {
    this.process.send(message);
  }
}
