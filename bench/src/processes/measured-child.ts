import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, RUNNER_NODE_OPTIONS } from '../../../apps/server/src/runner/runner-bundle';
import { UsageSampler } from './proc-usage';

export interface ChildOptions {
  /** Writes V8 CPU profiles of the process to `<profileDir>/<profileName>/` when it exits. */
  profileDir?: string;
  profileName: string;
  env?: Record<string, string>;
}

/**
 * A bundled entry forked the way the server forks a runner (Node's runner options, IPC,
 * repo root as working directory), with its memory and CPU sampled from /proc while it lives. Its
 * stdout goes to our stderr, so that logs never mix into the results table.
 */
export class MeasuredChild {
  readonly child: ChildProcess;
  readonly sampler: UsageSampler;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(entry: string, options: ChildOptions) {
    // A folder per process: each thread writes a profile of its own.
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, options.profileName)}`] : [];
    this.child = fork(entry, [], {
      cwd: REPO_ROOT,
      execArgv: [...RUNNER_NODE_OPTIONS, ...profile],
      stdio: ['ignore', 2, 2, 'ipc'],
      env: { ...process.env, ...options.env },
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.sampler = new UsageSampler(this.child.pid!);
    void this.exited.then(() => this.sampler.stop());
  }

  send(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  /** Resolves with the first message `pick` accepts; rejects if the process exits first. */
  waitFor<T>(pick: (message: any) => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        const picked = pick(message);
        if (picked === undefined) return;
        cleanup();
        resolve(picked);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        reject(new Error(`the process exited (${signal ?? `code ${code}`}) before ${what}`));
      };
      const cleanup = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
