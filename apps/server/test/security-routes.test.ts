import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';
import type { RouteEntry } from '../src/security/route-access';
import { authHeaders, login, startServer, TEST_ADMIN_PASSWORD, tokenFor, type TestServer } from './helpers';

let server: TestServer;
let routes: RouteEntry[];
const tokens: Record<'viewer' | 'editor' | 'admin', string> = { viewer: '', editor: '', admin: '' };

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: '127.0.0.1:1' });
  routes = server.app.routeTable();
  for (const role of ['viewer', 'editor'] as const) tokens[role] = await tokenFor(server, role);
  tokens.admin = server.adminToken;
});
afterAll(() => server.close());

/** A concrete URL for a route pattern: parameters filled with values that name nothing. */
const concrete = (url: string) => url.replace(/:version\b/g, '1').replace(/:[A-Za-z]+/g, 'missing-thing').replace(/\*/g, 'x');
const call = (route: RouteEntry, headers: Record<string, string> = {}) =>
  server.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers });
const protectedRoutes = () => routes.filter((r) => r.access !== 'public');
const label = (r: RouteEntry) => `${r.method} ${r.url}`;

describe('the route table', () => {
  it('has every route, each with an access rule, and only health and login open', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.access === undefined).map(label)).toEqual([]);
    expect(routes.filter((r) => r.access === 'public').map(label).sort()).toEqual(['GET /api/health', 'HEAD /api/health', 'POST /api/auth/login']);
  });

  it('gives a viewer no way to change, run, preview, re-process or export a pipeline', () => {
    const changesPipelines = routes.filter(
      (r) => r.url.startsWith('/api/pipelines') && (r.method !== 'GET' && r.method !== 'HEAD' ? !r.url.endsWith('/validate') : r.url === '/api/pipelines/:id/export'),
    );
    expect(changesPipelines.map(label)).toEqual(expect.arrayContaining([
      'POST /api/pipelines',
      'PUT /api/pipelines/:id',
      'DELETE /api/pipelines/:id',
      'POST /api/pipelines/:id/start',
      'POST /api/pipelines/:id/stop',
      'GET /api/pipelines/:id/export',
    ]));
    for (const route of changesPipelines) expect(route.access, label(route)).toMatch(/^(editor|admin)$/);
    for (const route of routes.filter((r) => r.url.startsWith('/api/pipelines') && /preview|reprocess/.test(r.url))) expect(route.access, label(route)).toMatch(/^(editor|admin)$/);
  });
});

describe('every protected route, for each method', () => {
  it('refuses a request without credentials with 401', async () => {
    for (const route of protectedRoutes()) {
      const response = await call(route);
      expect(response.statusCode, label(route)).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="duto"');
      if (route.method !== 'HEAD') expect(response.json().errors[0].code, label(route)).toBe('DUTO_ERR_UNAUTHENTICATED');
    }
  });

  it('refuses an unknown or revoked token, and a malformed Authorization header, with 401', async () => {
    const route = routes.find((r) => r.method === 'GET' && r.url === '/api/pipelines')!;
    for (const authorization of ['Bearer duto_not-a-token', 'Bearer', `Basic ${Buffer.from('admin:x').toString('base64')}`, tokens.admin]) {
      expect((await call(route, { authorization })).statusCode, authorization).toBe(401);
    }
  });

  it('refuses a role below its need with 403', async () => {
    const below = { viewer: [], editor: ['viewer'], admin: ['viewer', 'editor'] } as const;
    let checked = 0;
    for (const route of protectedRoutes()) {
      for (const role of below[route.access as keyof typeof below]) {
        const response = await call(route, { authorization: `Bearer ${tokens[role]}` });
        expect(response.statusCode, `${label(route)} as ${role}`).toBe(403);
        if (route.method !== 'HEAD') expect(response.json().errors[0].code).toBe('DUTO_ERR_FORBIDDEN');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('lets the role it needs past the gate', async () => {
    for (const route of protectedRoutes()) {
      const response = await call(route, { authorization: `Bearer ${tokens[route.access as 'viewer']}` });
      const json = String(response.headers['content-type']).startsWith('application/json');
      const code = json && response.body ? response.json().errors?.[0]?.code : undefined;
      expect(['DUTO_ERR_UNAUTHENTICATED', 'DUTO_ERR_FORBIDDEN'], label(route)).not.toContain(code);
    }
  });
});

describe('the WebSocket', () => {
  const open = (headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`, { headers });
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
    });

  it('refuses an upgrade without credentials (401) or from another origin with the session cookie (403)', async () => {
    expect(await open({})).toBe(401);
    expect(await open({ authorization: 'Bearer duto_wrong' })).toBe(401);
    const cookie = await login(server.url, 'admin', TEST_ADMIN_PASSWORD);
    expect(await open({ cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await open({ cookie, origin: server.url })).toBe(101);
    expect(await open(authHeaders(server))).toBe(101);
  });
});

describe('the web app', () => {
  let home: string;
  let dist: string;
  const inline = "document.documentElement.dataset.theme = 'dark';";

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'duto-web-'));
    dist = join(home, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), `<!doctype html><html><head><script>${inline}</script><script type="module" src="/assets/app.js"></script></head><body></body></html>`);
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('loads without login (files and client routes), while unknown API paths need one', async () => {
    const config = { ...configFromEnv({ DUTO_HOME: home, KAFKA_BROKERS: '127.0.0.1:1', DUTO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }), webDist: dist };
    const app = await buildApp({ config, logger: false });
    try {
      for (const url of ['/', '/pipelines/abc', '/lake', '/assets/app.js']) expect((await app.inject({ url })).statusCode, url).toBe(200);
      expect((await app.inject({ url: '/pipelines/abc' })).body).toContain('<!doctype html>');
      expect((await app.inject({ url: '/api/nothing-here' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/anything' })).statusCode).toBe(401);

      const headers = (await app.inject({ url: '/' })).headers;
      const csp = String(headers['content-security-policy']);
      const hash = createHash('sha256').update(inline).digest('base64');
      expect(csp).toContain(`script-src 'self' 'unsafe-eval' 'sha256-${hash}';`);
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['strict-transport-security']).toBeUndefined();
      const session = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
      const cookie = String(session.headers['set-cookie']).split(';')[0]!;
      const docs = await app.inject({ url: '/api/docs/', headers: { cookie } });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline';");
    } finally {
      await app.close();
    }
  });
});
