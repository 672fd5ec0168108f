import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StageLogger } from '@duto/engine';
import type { ConversionJob } from './convert-spool';

export type FromConverter =
  | { type: 'done'; id: number; error?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; extra?: Record<string, unknown> };

/** Beside the runner's bundle (production); else the source, through tsx's loader registered in the thread (tests, tools). */
const BUNDLED_ENTRY = new URL('./conversion-worker.mjs', import.meta.url);
const FROM_SOURCE = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./conversion-worker.ts', import.meta.url).href)}); })`;

/**
 * Converts spools on a thread of the stage's own, started at the first conversion: Parquet
 * encoding took a fifth of the lake runner's main thread, stalling reads and writes for up
 * to 200 ms at a time. One conversion at a time (the writer queues its rolls); a thread
 * that dies fails the conversions under way, and the next starts a new one.
 */
export class SpoolConverter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(private readonly logger: StageLogger) {}

  convert(job: ConversionJob): Promise<void> {
    const worker = this.started();
    const id = this.nextId++;
    // Referenced while it has work, so that a conversion keeps the process alive.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = existsSync(BUNDLED_ENTRY) ? new Worker(BUNDLED_ENTRY) : new Worker(FROM_SOURCE, { eval: true });
    worker.on('message', (message: FromConverter) => {
      if (message.type === 'log') return this.logger[message.level](message.message, message.extra);
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
    });
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the file conversion thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
