import { fileURLToPath } from 'node:url';
import { bundledEntry } from '../../../apps/server/src/runner/runner-bundle';
import { MeasuredChild } from './measured-child';
import type { FromBaseline, ToBaseline } from './baseline-protocol';
import type { ProcessUsage } from './proc-usage';

export interface BaselineOutcome {
  usage: ProcessUsage;
  records: number;
}

/** A baseline (bench/src/baselines/<name>.ts) in a process of its own, like a runner. */
export class BaselineProcess {
  readonly failure: Promise<never>;
  private readonly process: MeasuredChild;
  private stopping = false;

  private constructor(name: string, entry: string, profileDir: string | undefined) {
    this.process = new MeasuredChild(entry, { profileName: `baseline-${name}`, ...(profileDir ? { profileDir } : {}) });
    this.failure = new Promise<never>((_, reject) => {
      this.process.child.on('message', (message: FromBaseline) => {
        if (message.type === 'failed') reject(new Error(`baseline ${name} failed: ${message.error}`));
      });
      void this.process.exited.then(({ code, signal }) => {
        if (!this.stopping) reject(new Error(`baseline ${name} exited (${signal ?? `code ${code}`})`));
      });
    });
    this.failure.catch(() => {});
  }

  static async start(name: string, config: unknown, profileDir?: string): Promise<BaselineProcess> {
    // Bundled as a runner is, so that both start and run the same way.
    const entry = await bundledEntry(fileURLToPath(new URL(`../baselines/${name}.ts`, import.meta.url)));
    const baseline = new BaselineProcess(name, entry, profileDir);
    const ready = baseline.process.waitFor((m: FromBaseline) => (m.type === 'ready' ? true : undefined), 'it was ready');
    baseline.send({ type: 'start', config });
    try {
      await Promise.race([ready, baseline.failure]);
    } catch (error) {
      baseline.process.kill();
      throw error;
    }
    return baseline;
  }

  get rssSeries() {
    return this.process.sampler.rssSeries;
  }

  async stop(): Promise<BaselineOutcome> {
    this.stopping = true;
    const stopped = this.process.waitFor((m: FromBaseline) => (m.type === 'stopped' || m.type === 'failed' ? m : undefined), 'it stopped');
    this.send({ type: 'stop' });
    const answer = await stopped;
    this.process.sampler.sample();
    if (answer.type === 'failed') throw new Error(`the baseline failed while stopping: ${answer.error}`);
    await this.process.exited;
    return { usage: this.process.sampler.last!, records: answer.records };
  }

  kill(): void {
    this.process.kill();
  }

  private send(message: ToBaseline): void {
    this.process.send(message);
  }
}
