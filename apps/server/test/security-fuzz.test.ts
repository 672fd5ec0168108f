import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, authHeaders, startServer, type TestServer } from './helpers';
import { seededRandom } from '../src/simulator/seeded-random';
import { LOCAL_MUTATIONS, mutateDocument, randomBody, validDocument } from './fuzz-inputs';

const SEED = 20261125;
const DOCUMENTS = 1200;
const BODIES_PER_ROUTE = 40;

let server: TestServer;
let pipelineId: string;
beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: '127.0.0.1:1' });
  const created = await api(server, 'POST', '/api/pipelines', validDocument());
  expect(created.status).toBe(201);
  pipelineId = created.json.id;
});
afterAll(() => server.close());

const POINTER = /^(\/([^~/]|~[01])*)*$/;

/** A path names the mutated place when it is that place, inside it, or one of its containers (but not the whole document). */
const names = (path: string, mutated: string) => path === mutated || (path !== '' && (mutated.startsWith(`${path}/`) || path.startsWith(`${mutated}/`)));

function send(method: string, url: string, payload: string, contentType = 'application/json') {
  return server.app.inject({ method: method as 'POST', url, payload, headers: { ...authHeaders(server), 'content-type': contentType } });
}

/** Every refusal is a 4xx with `{ errors }`, each naming its place by a JSON Pointer. */
function expectNamedRefusal(response: { statusCode: number; body: string }, what: string): Array<{ path: string; message: string }> {
  expect(response.statusCode, what).toBeLessThan(500);
  if (response.statusCode !== 400) return [];
  const { errors } = JSON.parse(response.body) as { errors: Array<{ path: string; message: string }> };
  expect(errors.length, what).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.path, what).toMatch(POINTER);
    expect(error.message, what).toEqual(expect.any(String));
    expect(error.message.length, what).toBeGreaterThan(0);
  }
  return errors;
}

describe('fuzzing the API', () => {
  it(`refuses ${DOCUMENTS} mutated pipeline documents without a 5xx, naming the bad place`, async () => {
    const random = seededRandom(SEED);
    const targets = [
      ['POST', '/api/pipelines'],
      ['POST', '/api/pipelines/import'],
      ['PUT', () => `/api/pipelines/${pipelineId}`],
      ['POST', '/api/validate'],
    ] as const;
    const started = performance.now();
    const outcomes = new Map<string, number>();
    for (let n = 0; n < DOCUMENTS; n++) {
      const mutant = mutateDocument(random);
      const [method, url] = targets[n % targets.length]!;
      const target = typeof url === 'function' ? url() : url;
      const what = `#${n} ${mutant.kind} at ${mutant.at} → ${method} ${target}`;
      const response = await send(method, target, mutant.body);
      outcomes.set(`${response.statusCode}`, (outcomes.get(`${response.statusCode}`) ?? 0) + 1);
      const errors = expectNamedRefusal(response, what);
      const issues = target === '/api/validate' && response.statusCode === 200 ? (JSON.parse(response.body).issues as Array<{ path: string }>) : errors;
      for (const issue of issues) expect(issue.path, what).toMatch(POINTER);
      if (LOCAL_MUTATIONS.has(mutant.kind) && issues.length > 0) {
        expect(issues.some((issue) => names(issue.path, mutant.at)), `${what}: ${JSON.stringify(issues).slice(0, 400)}`).toBe(true);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz: ${DOCUMENTS} documents in ${seconds.toFixed(1)} s; answers by status: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(outcomes.get('400') ?? 0).toBeGreaterThan(DOCUMENTS / 2);
    expect((await api(server, 'GET', '/api/health')).status).toBe(200);
  });

  it(`throws ${BODIES_PER_ROUTE} random bodies at every POST, PUT and PATCH route without a 5xx`, async () => {
    const random = seededRandom(SEED + 1);
    // Ids that name nothing, so that a body which happens to be valid changes nothing that matters.
    const concrete = (url: string) => url.replace(/\/api\/users\/:id/, '/api/users/999999').replace(/:name\b/, 'fuzz.secret').replace(/:[A-Za-z]+/g, 'fuzz-missing');
    const routes = server.app.routeTable().filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
    expect(routes.length).toBeGreaterThan(15);
    const started = performance.now();
    let sent = 0;
    for (const route of routes) {
      for (let n = 0; n < BODIES_PER_ROUTE; n++) {
        const contentType = random() < 0.05 ? 'text/plain' : 'application/json';
        const response = await send(route.method, concrete(route.url), randomBody(random), contentType);
        expectNamedRefusal(response, `${route.method} ${route.url} #${n}`);
        sent++;
      }
    }
    console.log(`fuzz: ${sent} random bodies at ${routes.length} routes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect((await api(server, 'GET', '/api/health')).status).toBe(200);
  });
});
