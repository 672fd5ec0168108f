import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';
import { KEY_FILE_NAME } from '../src/secrets/key-file';
import { api, authHeaders, startServer, TEST_ADMIN_PASSWORD, waitFor, type TestServer } from './helpers';
import { watch } from './live-helpers';
import { testDatabase, uniqueName, waitForRows, type TestDatabase } from './sql-helpers';

const brokers = inject('kafkaBrokers');

describe('the secrets key file', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'duto-key-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const start = () => buildApp({ config: configFromEnv({ DUTO_HOME: home, KAFKA_BROKERS: brokers.join(','), DUTO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }), logger: false });

  it('is made on the first start: 32 random bytes, owner-only', async () => {
    await (await start()).close();
    const file = join(home, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file)).toHaveLength(32);
  });

  it('stops Duto from starting when others can read it, or when it is not a key, saying what to do', async () => {
    const file = join(home, KEY_FILE_NAME);
    chmodSync(file, 0o644);
    await expect(start()).rejects.toThrow(`can be read by other users (mode 644); run: chmod 600 ${file}`);
    chmodSync(file, 0o600);
    const key = readFileSync(file);
    writeFileSync(file, key.subarray(0, 10));
    await expect(start()).rejects.toThrow(/holds 10 bytes instead of 32: restore it from your backup/);
    writeFileSync(file, key);
    await (await start()).close();
  });
});

describe('named secrets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
  });
  afterAll(() => server.close());

  it('are created, replaced, listed by name only, and deleted unless a pipeline uses them', async () => {
    const value = `value-${randomUUID()}`;
    expect((await api(server, 'PUT', '/api/secrets/shop.db', { value: 'first' })).status).toBe(201);
    const replaced = await api(server, 'PUT', '/api/secrets/shop.db', { value });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ name: 'shop.db', updatedAt: expect.any(String) });
    const listed = await api(server, 'GET', '/api/secrets');
    expect(listed.json).toEqual([{ name: 'shop.db', updatedAt: expect.any(String) }]);
    expect(listed.text + replaced.text).not.toContain(value);
    expect((await api(server, 'PUT', '/api/secrets/bad name', { value })).status).toBe(400);

    const { id } = (await api(server, 'POST', '/api/pipelines', mqttPipeline({ secret: 'shop.db' }))).json;
    const inUse = await api(server, 'DELETE', '/api/secrets/shop.db');
    expect(inUse.status).toBe(409);
    expect(inUse.json.errors[0].message).toContain(id);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}`)).status).toBe(204);
    expect((await api(server, 'DELETE', '/api/secrets/shop.db')).status).toBe(204);
    expect((await api(server, 'DELETE', '/api/secrets/shop.db')).status).toBe(404);
  });

  it('a pipeline naming a secret that does not exist is saved, but validation reports it and start refuses it at its path', async () => {
    const { id } = (await api(server, 'POST', '/api/pipelines', mqttPipeline({ secret: 'nowhere' }))).json;
    const report = await api(server, 'POST', `/api/pipelines/${id}/validate`);
    expect(report.json.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/stages/0/config/password', code: 'DUTO_LINT_MISSING_SECRET' })]));
    const start = await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    expect(start.status).toBe(400);
    expect(start.json.errors).toEqual([expect.objectContaining({ path: '/stages/0/config/password', message: expect.stringContaining('"nowhere"') })]);
  });

  it('a duplicate of a pipeline gets its own copy of the secrets the original moved out of its config', async () => {
    const password = `pw-${randomUUID()}`;
    const original = (await api(server, 'POST', '/api/pipelines', mqttPipeline(password))).json.id;
    const stored = (await api(server, 'GET', `/api/pipelines/${original}`)).json.document;
    expect(stored.stages[0].config.password).toEqual({ secret: `${original}.in.password` });
    const copy = (await api(server, 'POST', '/api/pipelines', stored)).json.id;
    expect((await api(server, 'GET', `/api/pipelines/${copy}`)).json.document.stages[0].config.password).toEqual({ secret: `${copy}.in.password` });
    expect((await api(server, 'DELETE', `/api/pipelines/${original}`)).status).toBe(204);
    const names = (await api(server, 'GET', '/api/secrets')).json.map((s: any) => s.name);
    expect(names).toContain(`${copy}.in.password`);
    expect(names).not.toContain(`${original}.in.password`);
  });
});

describe('a password set in a stage', () => {
  const SECRET = `Pw-${randomUUID()}`;
  const user = uniqueName('duto_sec');
  const table = uniqueName('secret_sink');
  let server: TestServer;
  let db: TestDatabase;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await testDatabase('mysql');
    await db.exec(`CREATE TABLE ${table} (seq INTEGER PRIMARY KEY, ts VARCHAR(40), name VARCHAR(100))`);
    await db.exec(`CREATE USER '${user}'@'%' IDENTIFIED BY '${SECRET}'`);
    await db.exec(`GRANT SELECT, INSERT ON test.${table} TO '${user}'@'%'`);
    server = await startServer(
      { KAFKA_BROKERS: brokers.join(',') },
      { logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } } },
    );
  });
  afterAll(async () => {
    await server.close();
    await db.exec(`DROP TABLE ${table}`);
    await db.exec(`DROP USER '${user}'@'%'`);
    await db.close();
  });

  it('is used by the runner, and never appears in an API answer, export, WebSocket message, error record, log line, argv, environment or the database file', async () => {
    const document = {
      format: 'duto.pipeline/v1',
      name: 'Secret sink',
      settings: { batchSize: 10, batchWaitMs: 50 },
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 100, count: 20 } },
        // Every fourth record fails here, so the pipeline has error records too.
        { id: 'name', type: 'processor.expression', config: { fields: [{ path: 'name', expression: 'seq % 4 = 0 ? $error("refused " & $string(seq)) : "row " & $string(seq)' }] } },
        { id: 'sink', type: 'destination.jdbc', config: { connectionString: `mysql://${user}@127.0.0.1:3306/test`, table, password: SECRET } },
      ],
      edges: [{ from: 'gen', to: 'name' }, { from: 'name', to: 'sink' }],
    };
    const created = await api(server, 'POST', '/api/pipelines', document);
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    expect(created.text).not.toContain(SECRET);
    // A second save with the value typed again replaces the same secret.
    expect((await api(server, 'PUT', `/api/pipelines/${id}`, document)).status).toBe(200);
    // An import of a document with the plain value is treated alike.
    const imported = (await api(server, 'POST', '/api/pipelines/import', document)).json.id;
    expect((await api(server, 'GET', `/api/pipelines/${imported}`)).json.document.stages[2].config.password).toEqual({ secret: `${imported}.sink.password` });
    expect((await api(server, 'GET', '/api/secrets')).json.filter((s: any) => s.pipelineId === id).map((s: any) => s.name)).toEqual([`${id}.sink.password`]);

    const live = await watch(server);
    live.send({ subscribe: id });
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/status`), (s) => s.json.state === 'RUNNING', 60_000, 'RUNNING');
    const pid = server.app.supervisor.pid(id)!;
    for (const file of ['cmdline', 'environ']) expect(readFileSync(`/proc/${pid}/${file}`, 'utf8'), file).not.toContain(SECRET);

    // The rows arrive: the runner logged in with the resolved password.
    await waitForRows(db, table, 15);
    await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/errors`), (r) => r.json.length === 5, 30_000, '5 error records');
    await live.next((m) => m.pipelineId === id && m.totals?.errors === 5, 15_000);
    expect((await api(server, 'POST', `/api/pipelines/${id}/stop`)).status).toBe(200);
    await live.close();

    const answers = await crawl(server, id);
    expect(answers.length).toBeGreaterThan(15);
    for (const { url, body } of answers) expect(body, url).not.toContain(SECRET);
    const exported = answers.find((a) => a.url.endsWith('/export'))!;
    expect(JSON.parse(exported.body).stages[2].config.password).toEqual({ secret: `${id}.sink.password` });
    for (const message of live.messages) expect(JSON.stringify(message.body)).not.toContain(SECRET);
    expect(live.messages.length).toBeGreaterThan(2);
    expect(logLines.length).toBeGreaterThan(20);
    for (const line of logLines) expect(line).not.toContain(SECRET);
    for (const file of ['duto.db', 'duto.db-wal']) {
      const path = join(server.home, file);
      if (existsSync(path)) expect(readFileSync(path).includes(SECRET), file).toBe(false);
    }
  });
});

/** Every GET route of the server that concerns the pipeline, as the admin: each answer's text. */
async function crawl(server: TestServer, id: string): Promise<Array<{ url: string; body: string }>> {
  const urls = server.app
    .routeTable()
    .filter((r) => r.method === 'GET' && !r.url.includes('*') && r.url !== '/api/ws')
    .flatMap((r) => (r.url.includes(':version') ? [1, 2].map((v) => r.url.replace(':version', String(v))) : [r.url]))
    .map((url) => url.replace(':id', id).replace(/:[A-Za-z]+/g, 'sink'));
  urls.push(`/api/pipelines/${id}/errors?limit=10000`, `/api/pipelines/${id}/metrics/history?resolution=1m`);
  const answers = [];
  for (const url of urls) {
    const response = await server.app.inject({ method: 'GET', url, headers: authHeaders(server) });
    answers.push({ url, body: response.body });
  }
  return answers;
}

function mqttPipeline(password: string | { secret: string }) {
  return {
    format: 'duto.pipeline/v1',
    name: 'With a password',
    stages: [
      { id: 'in', type: 'origin.mqtt', config: { brokerUrl: 'mqtt://127.0.0.1:1883', topics: ['t/#'], username: 'duto', password } },
      { id: 'out', type: 'destination.trash', config: {} },
    ],
    edges: [{ from: 'in', to: 'out' }],
  };
}
