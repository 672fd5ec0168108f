import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface DutoProcess {
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  stderr(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  /** Resolves once `text` was printed; rejects if the process ends first or the time runs out. */
  printed(text: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, as Ctrl-C would, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** `pnpm start`'s server (apps/server/src/main.ts) as a process of its own, with extra environment. */
export function startDuto(env: Record<string, string>): DutoProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DUTO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => stdout + stderr;
  return {
    output,
    stderr: () => stderr,
    exited,
    printed: async (text, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      let ended = false;
      void exited.then(() => (ended = true));
      while (!output().includes(text)) {
        if (ended) throw new Error(`Duto exited before printing "${text}"; it printed:\n${output()}`);
        if (Date.now() > deadline) throw new Error(`Duto did not print "${text}" within ${timeoutMs} ms; it printed:\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
