import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';
import { exposureWarning, firstLoginNotice, startupNotice } from '../src/security/console-notices';
import { TEST_ADMIN_PASSWORD } from './helpers';

describe('over TLS', () => {
  let home: string;
  let app: FastifyInstance;
  let origin: string;
  let ca: Buffer;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'duto-tls-'));
    const [cert, key] = [join(home, 'cert.pem'), join(home, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(cert);
    const env = { DUTO_HOME: home, KAFKA_BROKERS: '127.0.0.1:1', DUTO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DUTO_TLS_CERT: cert, DUTO_TLS_KEY: key };
    app = await buildApp({ config: { ...configFromEnv(env), webDist: undefined }, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  });

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = request(`${origin}${path}`, { method, ca, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  it('serves HTTPS with a Secure __Host- session cookie, HSTS and upgrade-insecure-requests', async () => {
    const login = await call('POST', '/api/auth/login', {}, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(login.status).toBe(204);
    const cookie = (login.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(/^__Host-duto_session=[^;]+;/);
    expect(cookie).toContain('Secure');
    expect(login.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(login.headers['content-security-policy']).toContain('upgrade-insecure-requests');

    const session = cookie.split(';')[0]!;
    expect((await call('GET', '/api/auth/me', { cookie: session })).status).toBe(200);
    // The origin check knows the scheme: the same host over http is another origin.
    const pipeline = { format: 'duto.pipeline/v1', name: 'tls', stages: [], edges: [] };
    expect((await call('POST', '/api/pipelines', { cookie: session, origin: origin.replace('https', 'http') }, pipeline)).status).toBe(403);
    expect((await call('POST', '/api/pipelines', { cookie: session, origin }, pipeline)).status).toBe(201);
  });
});

describe('configuration of the transport', () => {
  it('binds to loopback unless DUTO_HOST says otherwise, and needs both TLS files', () => {
    expect(configFromEnv({}).host).toBe('127.0.0.1');
    expect(configFromEnv({ DUTO_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => configFromEnv({ DUTO_TLS_CERT: 'cert.pem' })).toThrow(/set both DUTO_TLS_CERT and DUTO_TLS_KEY/);
  });

  it('warns loudly when listening beyond this machine without TLS', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(exposureWarning(configFromEnv({ DUTO_HOST: host }))).toBeUndefined();
    const warning = exposureWarning(configFromEnv({ DUTO_HOST: '0.0.0.0' }));
    expect(warning).toContain('WARNING: Duto listens on 0.0.0.0 without TLS.');
    expect(warning?.split('\n')[0]).toMatch(/^┌─+┐$/);
    expect(exposureWarning(configFromEnv({ DUTO_HOST: '0.0.0.0', DUTO_TLS_CERT: 'c.pem', DUTO_TLS_KEY: 'k.pem' }))).toBeUndefined();
  });

  it('prints the address and the first login, with the password only when Duto made it up', () => {
    const config = configFromEnv({});
    expect(startupNotice(config, { username: 'admin', generatedPassword: 'Xy12' })).toContain('First login: user "admin", password Xy12');
    expect(startupNotice(config, { username: 'admin' })).toContain('with the password in DUTO_ADMIN_PASSWORD');
    const later = startupNotice(config, null);
    expect(later).toContain('Duto is running at http://127.0.0.1:8640');
    expect(later).not.toContain('First login');
    // A first start that cannot listen still shows the password it made, once.
    expect(firstLoginNotice({ username: 'admin', generatedPassword: 'Xy12' })).toContain('password Xy12');
    expect(firstLoginNotice(null)).toBeUndefined();
  });
});
