import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The operating system's view of the e2e server and its runners. The server does not say
 * which process runs a pipeline: it forks its runner bundle (.cache/runner/<hash>/runner.mjs)
 * and hands it the pipeline over IPC, so a runner is told apart only by its parent and its
 * entry file.
 */
const run = promisify(execFile);

/** The process listening on a loopback TCP port: the e2e server. */
export async function listeningPid(port: number): Promise<number> {
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}: ${stdout}`);
  return Number(pid);
}

/** The runner processes a server has forked: one per pipeline running on it. */
export async function runnerPids(serverPid: number): Promise<number[]> {
  try {
    const { stdout } = await run('pgrep', ['-P', String(serverPid), '-f', 'runner/[0-9a-f]+/runner\\.mjs']);
    return stdout.trim().split('\n').map(Number);
  } catch (error) {
    if ((error as { code?: number }).code === 1) return []; // pgrep's "none matched"
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work`, and fails at once, saying so, if process `pid` (`what`) ends meanwhile:
 * otherwise a server that died would show only as a wait that timed out.
 */
export async function whileAlive<T>(pid: number, what: string, work: () => Promise<T>): Promise<T> {
  let watching = true;
  const ended = (async (): Promise<never> => {
    for (; watching; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if (!isAlive(pid)) throw new Error(`${what} (pid ${pid}) ended`);
    }
    return new Promise<never>(() => {});
  })();
  ended.catch(() => {}); // a death after `work` settled is not this call's failure
  try {
    return await Promise.race([work(), ended]);
  } finally {
    watching = false;
  }
}
