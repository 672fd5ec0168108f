import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portAnswers } from '@duto/kafka';
import { freePort } from './free-port';

/**
 * A Mosquitto of the test's own on a free loopback port, configured not to drop a slow
 * subscriber's QoS 1 backlog (the stock limits drop past 1000 queued messages), so that
 * what a test measures is Duto and not the broker.
 */
export interface TestMosquitto {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startMosquitto(): Promise<TestMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duto-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'max_queued_messages 0',
      'max_queued_bytes 0',
      'max_inflight_messages 0',
      'persistence false',
      'user root',
      'log_dest none',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', config], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await portAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`mosquitto did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
