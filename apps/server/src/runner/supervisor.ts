import { fork, type ChildProcess } from 'node:child_process';
import type { FastifyBaseLogger } from 'fastify';
import type { ReprocessEntry } from '@duto/engine';
import type { MetricsSnapshot, PipelineDocument, RunState } from '@duto/model';
import type { RunStore } from '../store/run-store';
import type { FromRunner, RunnerRequest, ToRunner } from './protocol';
import type { RunListener } from './run-listener';
import { REPO_ROOT, RUNNER_NODE_OPTIONS } from './runner-bundle';


export interface SupervisorOptions {
  runs: RunStore;
  /** The runner's JavaScript file (`runnerBundle()`), forked with plain Node for each pipeline. */
  runnerEntry: string;
  document: (pipelineId: string) => PipelineDocument | undefined;
  /**
   * A copy of the document with its secret references replaced by their values, sent to the
   * runner over IPC only (never argv, environment or log); throws when a secret is missing.
   */
  resolveSecrets?: (document: PipelineDocument) => PipelineDocument;
  kafkaBrokers: string[];
  lakeDir: string;
  log: FastifyBaseLogger;
  /** First delay before restarting a failed pipeline; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A stopping runner is killed after this long. */
  stopTimeoutMs?: number;
  /** Told of every metrics snapshot and run-state change. */
  listeners?: RunListener[];
}

interface Run {
  child: ChildProcess;
  state: RunState;
  stopRequested: boolean;
  failure?: { error: string; retryable: boolean };
  exited: Promise<void>;
  /** Re-processing sent to the runner and not answered yet. */
  reprocessing: Map<number, { resolve: (failedAgain: number) => void; reject: (error: Error) => void }>;
}

export class RunConflictError extends Error {}

/** Re-processing failed: `refused` when nothing of it ran, else it may have been partly written. */
export class ReprocessFailedError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

/**
 * Keeps each started pipeline running in a process of its own: starts and stops runner
 * processes, writes their state, answers their offset and error-record requests from the
 * store, and restarts a failed one with exponential backoff while it is wanted running.
 */
export class Supervisor {
  private readonly runs = new Map<string, Run>();
  private readonly snapshots = new Map<string, MetricsSnapshot>();
  private readonly restarts = new Map<string, { timer: NodeJS.Timeout; attempt: number }>();
  private readonly attempts = new Map<string, number>();
  private closing = false;
  private nextReprocessId = 1;

  constructor(private readonly options: SupervisorOptions) {}

  /** Starts a pipeline that is not running; remembers that it is wanted running. */
  start(pipelineId: string, parameters?: Record<string, string>): void {
    const current = this.runs.get(pipelineId);
    if (current && !current.stopRequested) throw new RunConflictError(`pipeline ${pipelineId} is already ${current.state}`);
    if (current) throw new RunConflictError(`pipeline ${pipelineId} is still stopping; start it again when it has stopped`);
    this.options.runs.setDesired(pipelineId, 'RUNNING', parameters ?? {});
    this.cancelRestart(pipelineId);
    this.attempts.delete(pipelineId);
    this.launch(pipelineId);
  }

  /** Stops a pipeline: its batch in flight is finished and committed first. */
  async stop(pipelineId: string): Promise<void> {
    this.options.runs.setDesired(pipelineId, 'STOPPED');
    this.cancelRestart(pipelineId);
    const run = this.runs.get(pipelineId);
    if (!run) {
      const status = this.options.runs.status(pipelineId);
      if (status && status.state !== 'STOPPED') this.setState(pipelineId, 'STOPPED');
      return;
    }
    await this.stopRun(pipelineId, run);
  }

  /** Starts again the pipelines that were wanted running when Duto last stopped. */
  resumeWanted(): void {
    for (const { pipelineId } of this.options.runs.wanted()) {
      if (this.options.document(pipelineId)) this.launch(pipelineId);
    }
  }

  /** Stops every runner (they finish and commit); they stay wanted, so they resume next time. */
  async close(): Promise<void> {
    this.closing = true;
    for (const { timer } of this.restarts.values()) clearTimeout(timer);
    await Promise.all([...this.runs].map(([id, run]) => this.stopRun(id, run)));
  }

  /**
   * Sends error records to the pipeline's runner, which runs them again from the stages
   * where they failed; resolves with the number of new error records once everything they
   * reached is durable. Only a RUNNING pipeline takes them.
   */
  reprocess(pipelineId: string, entries: ReprocessEntry[]): Promise<number> {
    const run = this.runs.get(pipelineId);
    if (!run || run.state !== 'RUNNING' || run.stopRequested) {
      throw new RunConflictError(`pipeline ${pipelineId} is not running: start it, then re-process its error records`);
    }
    const id = this.nextReprocessId++;
    return new Promise((resolve, reject) => {
      run.reprocessing.set(id, { resolve, reject });
      this.send(run, { type: 'reprocess', id, entries });
    });
  }

  snapshot(pipelineId: string): MetricsSnapshot | undefined {
    return this.snapshots.get(pipelineId);
  }

  isActive(pipelineId: string): boolean {
    return this.runs.has(pipelineId) || this.restarts.has(pipelineId);
  }

  /** The runner's process id, for operators and for the crash tests. */
  pid(pipelineId: string): number | undefined {
    return this.runs.get(pipelineId)?.child.pid;
  }

  private launch(pipelineId: string): void {
    const document = this.options.document(pipelineId);
    const wanted = this.options.runs.desired(pipelineId);
    if (!document || !wanted) return;
    let resolved: PipelineDocument;
    try {
      resolved = this.options.resolveSecrets?.(document) ?? document;
    } catch (error) {
      // A secret the pipeline names is gone: no restart can help until someone creates it.
      this.setState(pipelineId, 'FAILED', (error as Error).message);
      return;
    }
    this.setState(pipelineId, 'STARTING');
    const child = fork(this.options.runnerEntry, [], { cwd: REPO_ROOT, execArgv: RUNNER_NODE_OPTIONS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const run: Run = {
      child,
      state: 'STARTING',
      stopRequested: false,
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
      reprocessing: new Map(),
    };
    this.runs.set(pipelineId, run);
    const startedAt = Date.now();
    child.on('message', (message: FromRunner) => this.onMessage(pipelineId, run, message));
    // A runner that cannot be spawned or signalled is reported here; its exit restarts it.
    child.on('error', (error) => this.options.log.error({ pipelineId, err: error.message }, 'runner process error'));
    child.once('exit', (code, signal) => this.onExit(pipelineId, run, code, signal, Date.now() - startedAt));
    this.send(run, {
      type: 'start',
      pipelineId,
      document: resolved,
      parameters: wanted.parameters,
      kafkaBrokers: this.options.kafkaBrokers,
      lakeDir: this.options.lakeDir,
    });
  }

  private onMessage(pipelineId: string, run: Run, message: FromRunner): void {
    switch (message.type) {
      case 'running':
        run.state = 'RUNNING';
        if (!run.stopRequested) this.setState(pipelineId, 'RUNNING');
        break;
      case 'metrics':
        this.publishSnapshot({ ...message.snapshot, state: run.stopRequested ? 'STOPPING' : run.state });
        break;
      case 'failed':
        run.failure = { error: message.error, retryable: message.retryable };
        break;
      case 'stopped':
        break;
      case 'reprocessed': {
        const waiting = run.reprocessing.get(message.id);
        run.reprocessing.delete(message.id);
        if (message.ok) waiting?.resolve(message.failedAgain);
        else waiting?.reject(new ReprocessFailedError(message.error, message.refused));
        break;
      }
      case 'request':
        this.answer(pipelineId, run, message.id, message);
        break;
    }
  }

  private answer(pipelineId: string, run: Run, id: number, request: RunnerRequest): void {
    try {
      let value: string | undefined;
      if (request.op === 'read-offset') value = this.options.runs.readOffset(pipelineId, request.stageId);
      else if (request.op === 'commit-offset') this.options.runs.commitOffset(pipelineId, request.stageId, request.position);
      else this.options.runs.addErrors(pipelineId, request.errors);
      this.send(run, value === undefined ? { type: 'reply', id, ok: true } : { type: 'reply', id, ok: true, value });
    } catch (error) {
      this.send(run, { type: 'reply', id, ok: false, error: (error as Error).message });
    }
  }

  private onExit(pipelineId: string, run: Run, code: number | null, signal: NodeJS.Signals | null, ranMs: number): void {
    this.runs.delete(pipelineId);
    for (const waiting of run.reprocessing.values()) {
      waiting.reject(new ReprocessFailedError('the runner ended before it had re-processed the records', false));
    }
    const wanted = this.options.runs.desired(pipelineId)?.desired === 'RUNNING';
    if (run.stopRequested && code === 0) {
      this.setState(pipelineId, 'STOPPED');
      this.markSnapshot(pipelineId, 'STOPPED');
      return;
    }
    const failure = run.failure ?? { error: `the runner exited unexpectedly (${signal ?? `code ${code}`})`, retryable: true };
    this.options.log.warn({ pipelineId, error: failure.error }, 'pipeline failed');
    this.setState(pipelineId, 'FAILED', failure.error);
    this.markSnapshot(pipelineId, 'FAILED');
    if (!wanted || !failure.retryable || this.closing || run.stopRequested) return;
    // A run that lasted a while starts the backoff over.
    const attempt = ranMs > 60_000 ? 0 : (this.attempts.get(pipelineId) ?? 0);
    this.attempts.set(pipelineId, attempt + 1);
    const delay = Math.min((this.options.backoffMs ?? 1000) * 2 ** attempt, this.options.maxBackoffMs ?? 30_000);
    this.options.log.info({ pipelineId, delayMs: delay, attempt: attempt + 1 }, 'restarting pipeline after backoff');
    const timer = setTimeout(() => {
      this.restarts.delete(pipelineId);
      if (this.options.runs.desired(pipelineId)?.desired === 'RUNNING') this.launch(pipelineId);
    }, delay);
    this.restarts.set(pipelineId, { timer, attempt });
  }

  private async stopRun(pipelineId: string, run: Run): Promise<void> {
    if (!run.stopRequested) {
      run.stopRequested = true;
      this.setState(pipelineId, 'STOPPING');
      this.send(run, { type: 'stop' });
    }
    const timeout = setTimeout(() => run.child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 30_000);
    await run.exited;
    clearTimeout(timeout);
  }

  private cancelRestart(pipelineId: string): void {
    const pending = this.restarts.get(pipelineId);
    if (pending) clearTimeout(pending.timer);
    this.restarts.delete(pipelineId);
  }

  private setState(pipelineId: string, state: RunState, error?: string): void {
    this.options.runs.setState(pipelineId, state, error);
    const status = this.options.runs.status(pipelineId);
    if (status) this.notify((listener) => listener.onState?.(pipelineId, status));
  }

  private markSnapshot(pipelineId: string, state: RunState): void {
    const last = this.snapshots.get(pipelineId);
    if (last) this.publishSnapshot({ ...last, state, at: new Date().toISOString() });
  }

  private publishSnapshot(snapshot: MetricsSnapshot): void {
    this.snapshots.set(snapshot.pipelineId, snapshot);
    this.notify((listener) => listener.onSnapshot?.(snapshot));
  }

  /** A failing listener is logged and skipped: it must not stop runs or the other listeners. */
  private notify(call: (listener: RunListener) => void): void {
    for (const listener of this.options.listeners ?? []) {
      try {
        call(listener);
      } catch (error) {
        this.options.log.error({ err: error }, 'a run listener failed');
      }
    }
  }

  /**
   * A runner can die between `connected` and the write (e.g. killed with a request in
   * flight): the write then fails with EPIPE, which without a callback would be an
   * unhandled 'error' event that ends the server. The runner's exit handler restarts it.
   */
  private send(run: Run, message: ToRunner): void {
    if (!run.child.connected) return;
    run.child.send(message, (error) => {
      if (error) this.options.log.warn({ err: error.message, type: message.type }, 'message to a runner that is gone');
    });
  }
}
