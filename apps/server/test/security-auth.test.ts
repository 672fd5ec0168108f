import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createToken, login, startServer, TEST_ADMIN_PASSWORD, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: '127.0.0.1:1' });
});
afterAll(() => server.close());

/** A raw request with exactly these headers (no admin token). */
async function raw(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const loginRequest = (username: string, password: string) => raw('POST', '/api/auth/login', {}, { username, password });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let userSeq = 0;
async function newUser(role: 'viewer' | 'editor' | 'admin', password = 'a-good-password') {
  const username = `user${++userSeq}-${role}`;
  const created = await api(server, 'POST', '/api/users', { username, password, role });
  expect(created.status).toBe(201);
  return { id: created.json.id as number, username, password };
}

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that identifies the user', async () => {
    const response = await loginRequest('admin', TEST_ADMIN_PASSWORD);
    expect(response.status).toBe(204);
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^duto_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const me = await raw('GET', '/api/auth/me', { cookie: cookie.split(';')[0]! });
    expect(me.json).toEqual({ username: 'admin', role: 'admin', via: 'session' });
  });

  it('answers a wrong password and an unknown user alike, after the same password check', async () => {
    const timed = async (username: string) => {
      const started = performance.now();
      const response = await loginRequest(username, 'not-the-password');
      return { ...response, ms: performance.now() - started };
    };
    const wrong = await timed('admin');
    const unknown = await timed('nobody-at-all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.json.errors[0].message).toBe('wrong username or password');
    // Both ran argon2id (about 20 ms here), so the answer's time does not tell who exists.
    expect(unknown.ms).toBeGreaterThan(5);
    expect(wrong.ms).toBeGreaterThan(5);
  });

  it('ends the session on logout: the cookie stops working and is cleared', async () => {
    const cookie = await login(server.url, 'admin', TEST_ADMIN_PASSWORD);
    const out = await raw('POST', '/api/auth/logout', { cookie, origin: server.url });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^duto_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await raw('GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('changes one\'s own password: the old one and the other sessions stop working, this session goes on', async () => {
    const user = await newUser('viewer');
    const here = await login(server.url, user.username, user.password);
    const elsewhere = await login(server.url, user.username, user.password);
    const wrong = await raw('POST', '/api/auth/password', { cookie: here, origin: server.url }, { currentPassword: 'nope', newPassword: 'a-newer-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].path).toBe('/currentPassword');
    const changed = await raw('POST', '/api/auth/password', { cookie: here, origin: server.url }, { currentPassword: user.password, newPassword: 'a-newer-password' });
    expect(changed.status).toBe(204);
    expect((await raw('GET', '/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await raw('GET', '/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await loginRequest(user.username, user.password)).status).toBe(401);
    expect((await loginRequest(user.username.toUpperCase(), 'a-newer-password')).status).toBe(204);
  });
});

describe('session expiry', () => {
  it('ends a session left idle, and a busy one at its absolute limit', async () => {
    const idle = await startServer({ KAFKA_BROKERS: '127.0.0.1:1' }, { security: { sessions: { idleMs: 400, maxMs: 60_000 } } });
    const busy = await startServer({ KAFKA_BROKERS: '127.0.0.1:1' }, { security: { sessions: { idleMs: 60_000, maxMs: 1500 } } });
    try {
      const idleCookie = await login(idle.url, 'admin', TEST_ADMIN_PASSWORD);
      const me = (url: string, cookie: string) => fetch(`${url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
      expect(await me(idle.url, idleCookie)).toBe(200);
      await new Promise((r) => setTimeout(r, 700));
      expect(await me(idle.url, idleCookie)).toBe(401);

      const busyCookie = await login(busy.url, 'admin', TEST_ADMIN_PASSWORD);
      const started = Date.now();
      const statuses: number[] = [];
      while (Date.now() - started < 2500) {
        statuses.push(await me(busy.url, busyCookie));
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(statuses[0]).toBe(200);
      expect(statuses.at(-1)).toBe(401);
      // Once ended it stays ended: no 200 after the first 401.
      expect(statuses.slice(statuses.indexOf(401))).not.toContain(200);
    } finally {
      await Promise.all([idle.close(), busy.close()]);
    }
  });
});

describe('login rate limit', () => {
  it('refuses further attempts with 429 and Retry-After, per username and per address', async () => {
    const limited = await startServer(
      { KAFKA_BROKERS: '127.0.0.1:1' },
      { security: { loginLimits: { perUser: { max: 3, windowMs: 60_000 }, perIp: { max: 5, windowMs: 60_000 } } } },
    );
    const attempt = (username: string, password: string) =>
      fetch(`${limited.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt('admin', 'guess')).status).toBe(401);
      const locked = await attempt('admin', TEST_ADMIN_PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Another name from the same address has the two failures the address has left.
      for (let i = 0; i < 2; i++) expect((await attempt('someone', 'guess')).status).toBe(401);
      expect((await attempt('someone-else', 'guess')).status).toBe(429);
      const audit = await api(limited, 'GET', '/api/audit?action=login.failed');
      expect(audit.json.entries).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });
});

describe('API tokens', () => {
  it('works as Bearer, is shown once, listed without its value, and stops at once when revoked', async () => {
    const created = await api(server, 'POST', '/api/tokens', { name: 'ci', role: 'editor' });
    expect(created.status).toBe(201);
    const { token, id } = created.json;
    expect(token).toMatch(/^duto_[A-Za-z0-9_-]{43}$/);
    expect(await raw('GET', '/api/auth/me', bearer(token))).toMatchObject({ status: 200, json: { username: 'admin', role: 'editor', via: 'token' } });
    const listed = await api(server, 'GET', '/api/tokens');
    expect(listed.text).not.toContain(token);
    expect(listed.json.find((t: any) => t.id === id)).toMatchObject({ name: 'ci', role: 'editor', owner: 'admin', lastUsedAt: expect.any(String) });
    expect((await api(server, 'DELETE', `/api/tokens/${id}`)).status).toBe(204);
    expect((await raw('GET', '/api/auth/me', bearer(token))).status).toBe(401);
  });

  it('never has more rights than its owner has, then or later', async () => {
    const user = await newUser('editor');
    const cookie = await login(server.url, user.username, user.password);
    const tooMuch = await raw('POST', '/api/tokens', { cookie, origin: server.url }, { name: 'x', role: 'admin' });
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.json.errors[0].path).toBe('/role');
    const token = await createToken(server.url, cookie, 'mine', 'editor');
    const editorRoute = () => raw('POST', '/api/validate', bearer(token), { format: 'duto.pipeline/v1' });
    expect((await editorRoute()).status).toBe(200);
    expect((await api(server, 'PUT', `/api/users/${user.id}/role`, { role: 'viewer' })).status).toBe(200);
    expect((await editorRoute()).status).toBe(403);
    expect((await raw('GET', '/api/auth/me', bearer(token))).json.role).toBe('viewer');
  });

  it('shows and revokes only one\'s own tokens, unless admin', async () => {
    const user = await newUser('viewer');
    const cookie = await login(server.url, user.username, user.password);
    const own = await createToken(server.url, cookie, 'own', 'viewer');
    const admins = await api(server, 'POST', '/api/tokens', { name: 'admin-only', role: 'viewer' });
    const listed = await raw('GET', '/api/tokens', bearer(own));
    expect(listed.json.map((t: any) => t.name)).toEqual(['own']);
    expect((await raw('DELETE', `/api/tokens/${admins.json.id}`, bearer(own))).status).toBe(404);
    expect((await raw('GET', '/api/auth/me', bearer(admins.json.token))).status).toBe(200);
  });
});

describe('users', () => {
  it('are managed by admins; the last admin can be neither demoted nor deleted', async () => {
    const user = await newUser('editor');
    expect((await api(server, 'POST', '/api/users', { username: user.username.toUpperCase(), password: 'another-password', role: 'viewer' })).json.errors[0].path).toBe('/username');
    expect((await api(server, 'POST', '/api/users', { username: 'short', password: 'short', role: 'viewer' })).json.errors[0].path).toBe('/password');
    const users = await api(server, 'GET', '/api/users');
    const admin = users.json.find((u: any) => u.username === 'admin');
    expect(users.text).not.toMatch(/argon2|password/i);
    const others = users.json.filter((u: any) => u.role === 'admin' && u.id !== admin.id);
    for (const other of others) await api(server, 'PUT', `/api/users/${other.id}/role`, { role: 'viewer' });

    expect(await api(server, 'PUT', `/api/users/${admin.id}/role`, { role: 'editor' })).toMatchObject({ status: 409 });
    expect(await api(server, 'DELETE', `/api/users/${admin.id}`)).toMatchObject({ status: 409 });

    const session = await login(server.url, user.username, user.password);
    const token = await createToken(server.url, session, 'will-go', 'editor');
    expect((await api(server, 'PUT', `/api/users/${user.id}/password`, { password: 'reset-by-admin' })).status).toBe(204);
    expect((await raw('GET', '/api/auth/me', { cookie: session })).status).toBe(401);
    expect((await loginRequest(user.username, 'reset-by-admin')).status).toBe(204);
    expect((await api(server, 'DELETE', `/api/users/${user.id}`)).status).toBe(204);
    expect((await raw('GET', '/api/auth/me', bearer(token))).status).toBe(401);
    expect((await loginRequest(user.username, 'reset-by-admin')).status).toBe(401);
  });
});

describe('CSRF protection of cookie sessions', () => {
  const pipeline = { format: 'duto.pipeline/v1', name: 'csrf', stages: [], edges: [] };

  it('refuses a state change by cookie from another origin or from nowhere, and allows it from this origin', async () => {
    const cookie = await login(server.url, 'admin', TEST_ADMIN_PASSWORD);
    const foreign = await raw('POST', '/api/pipelines', { cookie, origin: 'http://evil.example' }, pipeline);
    expect(foreign.status).toBe(403);
    expect(foreign.json.errors[0].code).toBe('DUTO_ERR_CROSS_ORIGIN');
    expect((await raw('POST', '/api/pipelines', { cookie, origin: server.url.replace('127.0.0.1', 'localhost') }, pipeline)).status).toBe(403);
    expect((await raw('POST', '/api/pipelines', { cookie, referer: 'http://evil.example/page' }, pipeline)).status).toBe(403);
    expect((await raw('DELETE', '/api/pipelines/anything', { cookie })).status).toBe(403);
    expect((await raw('POST', '/api/pipelines', { cookie, origin: server.url }, pipeline)).status).toBe(201);
    expect((await raw('POST', '/api/pipelines', { cookie, referer: `${server.url}/pipelines/x` }, pipeline)).status).toBe(201);
    // Reading is no state change.
    expect((await raw('GET', '/api/pipelines', { cookie, origin: 'http://evil.example' })).status).toBe(200);
  });

  it('does not apply to API tokens, which browsers never send on their own', async () => {
    expect((await raw('POST', '/api/pipelines', { ...bearer(server.adminToken), origin: 'http://evil.example' }, pipeline)).status).toBe(201);
  });

  it('refuses a login posted from another site', async () => {
    const response = await raw('POST', '/api/auth/login', { origin: 'http://evil.example' }, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(response.status).toBe(403);
  });
});

describe('the audit log', () => {
  it('records who did what, when and from where; admins page and filter it', async () => {
    const editor = await newUser('editor');
    const cookie = await login(server.url, editor.username, editor.password);
    const asEditor = (method: string, path: string, body?: unknown) => raw(method, path, { cookie, origin: server.url }, body);
    const generator = {
      format: 'duto.pipeline/v1',
      name: 'audited',
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 10 } },
        { id: 'trash', type: 'destination.trash', config: {} },
      ],
      edges: [{ from: 'gen', to: 'trash' }],
    };
    const { id } = (await asEditor('POST', '/api/pipelines', generator)).json;
    expect((await asEditor('GET', `/api/pipelines/${id}/export`)).status).toBe(200);
    expect((await asEditor('POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    expect((await asEditor('POST', `/api/pipelines/${id}/stop`)).status).toBe(200);
    expect((await asEditor('PUT', `/api/secrets/audited.key`, { value: 'never in the log' })).status).toBe(201);
    expect((await asEditor('DELETE', `/api/pipelines/${id}`)).status).toBe(204);

    const mine = await api(server, 'GET', `/api/audit?actor=${editor.username}`);
    expect(mine.json.entries.map((e: any) => [e.action, e.target])).toEqual([
      ['pipeline.delete', id],
      ['secret.update', 'audited.key'],
      ['pipeline.stop', id],
      ['pipeline.start', id],
      ['pipeline.export', id],
      ['pipeline.create', id],
      ['login', editor.username],
    ]);
    expect(mine.json.entries[0]).toMatchObject({ ip: '127.0.0.1', at: expect.any(String), actor: editor.username });
    expect(mine.text).not.toContain('never in the log');

    const byToken = await api(server, 'GET', '/api/audit?action=user.create&limit=1');
    expect(byToken.json.entries[0].actor).toBe('token:tests (admin)');
    const pipelineActions = await api(server, 'GET', `/api/audit?action=pipeline.&target=${id}&limit=2`);
    expect(pipelineActions.json.entries.map((e: any) => e.action)).toEqual(['pipeline.delete', 'pipeline.stop']);
    const next = await api(server, 'GET', `/api/audit?action=pipeline.&target=${id}&limit=2&before=${pipelineActions.json.nextBefore}`);
    expect(next.json.entries.map((e: any) => e.action)).toEqual(['pipeline.start', 'pipeline.export']);

    expect((await asEditor('GET', '/api/audit')).status).toBe(403);
  });
});
