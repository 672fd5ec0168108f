import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { newClusterId, startLocalBroker } from './local-broker';
import { LocalBrokerError } from './prerequisites';

const dataDir = mkdtempSync(join(tmpdir(), 'duto-broker-ports-'));
const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];
afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => server.close(done));
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A program that is not Kafka, listening on a free port: accepts connections and says nothing. */
async function squatter(port = 0): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  servers.push({ server, sockets });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return (server.address() as { port: number }).port;
}

describe('the cluster id of a new local broker', () => {
  it('never starts with "-", which the storage tool would read as an option', () => {
    const ids = Array.from({ length: 10_000 }, newClusterId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
  });
});

describe('the local broker\'s ports', () => {
  it('reuses the Kafka that already answers on the port', async () => {
    const port = Number(inject('kafkaBrokers')[0]!.split(':').at(-1));
    const lines: string[] = [];
    const broker = await startLocalBroker({ dataDir, port, log: (line) => lines.push(line) });
    expect(broker).toMatchObject({ started: false, brokers: [`127.0.0.1:${port}`] });
    expect(lines).toEqual([`A Kafka broker already answers on 127.0.0.1:${port}; using it.`]);
  });

  it('refuses to take a port that another program holds, instead of calling it Kafka', async () => {
    const port = await squatter();
    const started = Date.now();
    const error = await startLocalBroker({ dataDir, port, log: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalBrokerError);
    expect((error as LocalBrokerError).message).toBe(`Port ${port} on 127.0.0.1 is taken by a program that is not Kafka, so the local Kafka cannot start there.`);
    expect((error as LocalBrokerError).fix).toMatch(new RegExp(`lsof -i :${port}.*KAFKA_BROKERS`));
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('says so when the controller port is taken', async () => {
    const controllerPort = await squatter();
    const port = await freePort();
    const error = await startLocalBroker({ dataDir, port, controllerPort, log: () => {} }).catch((e: unknown) => e);
    expect((error as LocalBrokerError).message).toBe(`Port ${controllerPort} on 127.0.0.1, which the local Kafka's controller needs, is taken.`);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
