import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startDuto, type DutoProcess } from './duto-process';
import { freePort } from '@duto/stages/testing';
import { createToken, login } from './helpers';

/** `pnpm start`'s server as users meet it: what it prints, what it sets up on a first start. */
const brokers = inject('kafkaBrokers').join(',');
const running: DutoProcess[] = [];
const homes: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((duto) => duto.stop()));
  homes.forEach((home) => rmSync(home, { recursive: true, force: true }));
});

function duto(env: Record<string, string>): DutoProcess {
  const home = mkdtempSync(join(tmpdir(), 'duto-startup-'));
  homes.push(home);
  const process = startDuto({ DUTO_HOME: home, ...env });
  running.push(process);
  return process;
}

async function listening(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}
const portOf = (server: Server) => (server.address() as { port: number }).port;

describe('startup problems are explained with their fix', () => {
  it('a taken DUTO_PORT, before Kafka or anything else starts', async () => {
    const taken = await listening();
    const port = portOf(taken);
    const process = duto({ DUTO_PORT: String(port), KAFKA_BROKERS: brokers });
    expect(await process.exited).toBe(1);
    taken.close();
    expect(process.stderr()).toBe(
      [
        'Duto cannot start.',
        `  Port ${port} on 127.0.0.1 is taken by another program (perhaps another Duto).`,
        `  Fix: Stop that program (see it with: lsof -i :${port}), or start Duto on a free port: DUTO_PORT=${port + 1} pnpm start`,
        '',
      ].join('\n'),
    );
  });

  it('a DUTO_PORT that is not a port', async () => {
    const process = duto({ DUTO_PORT: 'eighty', KAFKA_BROKERS: brokers });
    expect(await process.exited).toBe(1);
    expect(process.stderr()).toBe('Duto cannot start.\n  DUTO_PORT must be a port number, not "eighty"\n');
  });

  it('a KAFKA_BROKERS where no Kafka answers: a warning, and Duto starts anyway', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    const process = duto({ DUTO_PORT: String(await freePort()), KAFKA_BROKERS: nowhere });
    await process.printed('Duto is running at');
    expect(process.stderr()).toContain(
      [
        'Warning:',
        `  No Kafka answers at KAFKA_BROKERS=${nowhere}; pipelines that use Kafka will fail and retry until it does.`,
        '  Fix: Start that Kafka, or correct KAFKA_BROKERS (host:port of its brokers, comma-separated), or unset it so that Duto runs its own local Kafka.',
      ].join('\n'),
    );
    expect(await process.stop()).toBe(0);
  });
});

describe('a first start', () => {
  it('starts an embedded MQTT broker where none answers, installs the samples once, and a deleted one stays deleted', async () => {
    const port = await freePort();
    const mqttUrl = `mqtt://127.0.0.1:${await freePort()}`;
    const env = { DUTO_PORT: String(port), KAFKA_BROKERS: brokers, DUTO_MQTT_URL: mqttUrl, DUTO_ADMIN_PASSWORD: 'first-start-password' };
    const url = `http://127.0.0.1:${port}`;
    const first = duto(env);
    const home = homes.at(-1)!;
    await first.printed('Duto is running at');
    expect(first.output()).toContain(`[mqtt] No MQTT broker answered at ${mqttUrl}, so Duto started an embedded one there`);
    const token = await createToken(url, await login(url, 'admin', 'first-start-password'), 'startup test', 'admin');
    const call = (method: string, path: string) => fetch(url + path, { method, headers: { authorization: `Bearer ${token}` } });
    const pipelines = async () => ((await (await call('GET', '/api/pipelines')).json()) as Array<{ id: string; name: string; state: string }>);

    const installed = await pipelines();
    expect(installed.map((p) => p.name).sort()).toEqual([
      'IoT sensors → Kafka',
      'Kafka → data lake (Parquet, partitioned by day and hour)',
      'PostgreSQL changes → Kafka → data lake',
      'Speed layer: per-sensor 1-minute statistics → Kafka',
    ]);
    expect(installed.every((p) => p.state === 'STOPPED')).toBe(true);
    const iot = installed.find((p) => p.name === 'IoT sensors → Kafka')!;
    const document = (await (await call('GET', `/api/pipelines/${iot.id}`)).json()) as { document: { parameters: Record<string, string> } };
    expect(document.document.parameters.MQTT_URL).toBe(mqttUrl);
    const speedLayer = installed.find((p) => p.name.startsWith('Speed layer'))!;
    expect((await call('DELETE', `/api/pipelines/${speedLayer.id}`)).status).toBe(204);
    expect(await first.stop()).toBe(0);

    const second = startDuto({ DUTO_HOME: home, ...env });
    running.push(second);
    await second.printed('Duto is running at');
    expect((await pipelines()).map((p) => p.id).sort()).toEqual(installed.filter((p) => p !== speedLayer).map((p) => p.id).sort());
    expect(await second.stop()).toBe(0);
  });
});
