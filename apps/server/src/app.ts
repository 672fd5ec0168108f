import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPipelineValidator, type StageCatalog } from '@duto/model';
import { stageCatalog } from '@duto/stages/meta';
import { implementationsOf } from '@duto/stages/impl';
import type { ServerConfig } from './config';
import { ApiError, ErrorCodes, handleError } from './errors';
import { openDatabase } from './store/database';
import { PipelineStore } from './store/pipeline-store';
import { healthRoutes } from './routes/health';
import { stageRoutes } from './routes/stages';
import { pipelineRoutes } from './routes/pipelines';
import { RetainedStates } from './retained/retained-states';
import { runRoutes } from './routes/runs';
import { errorRecordRoutes } from './routes/error-records';
import { previewRoutes } from './routes/preview';
import { PreviewService } from './preview/preview-service';
import { RunStore } from './store/run-store';
import { runnerBundle } from './runner/runner-bundle';
import { Supervisor } from './runner/supervisor';
import { MetricsHub, type MetricsHubOptions } from './live/metrics-hub';
import { createSnapshotReader } from './live/current-snapshot';
import { LIVE_MAX_MESSAGE_BYTES, liveRoutes } from './routes/live';
import { prometheusRoutes } from './routes/prometheus';
import { historyRoutes } from './routes/history';
import { MetricsHistoryRecorder } from './metrics/history-recorder';
import { MetricsHistoryStore } from './store/metrics-history-store';
import { AlertStore } from './store/alert-store';
import { AlertEvaluator } from './alerts/alert-evaluator';
import { alertRoutes } from './routes/alerts';
import { lakeRoutes } from './routes/lake';
import { serviceIssues } from './validation/service-reachability';
import { installSamples, type SampleOptions } from './samples/install-samples';
import { installSecurity, openSecurity, registerSecurityRoutes, type SecurityOptions } from './security/install';
import { withAccess } from './security/route-access';
import { allowInlineStyles } from './security/headers';
import { readTls } from './security/transport';

declare module 'fastify' {
  interface FastifyInstance {
    supervisor: Supervisor;
    liveHub: MetricsHub;
  }
}

export interface BuildAppOptions {
  config: ServerConfig;
  logger?: FastifyServerOptions['logger'];
  catalog?: StageCatalog;
  /** Restart backoff of failed pipelines (tests shorten it). */
  restartBackoffMs?: number;
  /** Limits of the WebSocket fan-out (tests shorten them). */
  live?: MetricsHubOptions;
  /** Session lifetimes and login limits (tests shorten them). */
  security?: SecurityOptions;
  /** Install the sample pipelines on a first start (pnpm start does; tests start empty). */
  samples?: SampleOptions;
}

/** Request bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** The whole server as a value, without listening: tests `inject()` or `listen()` it. */
export async function buildApp({ config, logger = { level: process.env.DUTO_LOG_LEVEL || 'info' }, catalog = stageCatalog, restartBackoffMs, live, security: securityOptions, samples }: BuildAppOptions): Promise<FastifyInstance> {
  const tls = readTls(config);
  // Before anything is opened: a runner bundle that cannot be built leaves nothing to close.
  const runnerEntry = await runnerBundle();
  const app = Fastify({
    logger,
    ...(tls ? { https: tls } : {}),
    bodyLimit: BODY_LIMIT_BYTES,
    // One structured line per request, written when the response is done (below).
    logController: new LogController({ disableRequestLogging: true }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  app.setErrorHandler(handleError);

  // The lake root exists from the first start: file stages resolve every path against it.
  mkdirSync(config.lakeDir, { recursive: true });
  const db = openDatabase(join(config.home, 'duto.db'));
  const security = await openSecurity(db, config, catalog, securityOptions).catch((error: unknown) => {
    db.close();
    throw error;
  });
  // Before the access gate: its hooks mark upgrade requests, so that the socket of a refused upgrade is closed.
  await app.register(websocket, { options: { maxPayload: LIVE_MAX_MESSAGE_BYTES } });
  await installSecurity(app, security, config);
  // Every stored version has its plain secret values moved into the encrypted secret store.
  const store = new PipelineStore(db, undefined, (id, document) => security.pipelineSecrets.seal(id, document));
  const runs = new RunStore(db);
  const validate = createPipelineValidator(catalog);
  if (samples) installSamples(config.home, store, validate, samples);
  runs.resetStaleStates();
  const hub = new MetricsHub(live);
  const recorder = new MetricsHistoryRecorder(new MetricsHistoryStore(db));
  const alerts = new AlertStore(db);
  const evaluator = new AlertEvaluator(alerts, (alert, firing) => hub.publishEvent(alert.pipelineId, { pipelineId: alert.pipelineId, event: 'alert', alert, firing }));
  const supervisor = new Supervisor({
    runs,
    runnerEntry,
    document: (id) => store.get(id)?.document,
    resolveSecrets: (document) => security.pipelineSecrets.resolveSecrets(document),
    kafkaBrokers: config.kafkaBrokers,
    lakeDir: config.lakeDir,
    log: app.log,
    listeners: [hub, recorder, evaluator],
    ...(restartBackoffMs === undefined ? {} : { backoffMs: restartBackoffMs }),
  });
  const currentSnapshot = createSnapshotReader(store, runs, supervisor, catalog);
  app.decorate('supervisor', supervisor);
  app.decorate('liveHub', hub);
  // Runners finish their batches and commit before the database closes.
  app.addHook('onClose', async () => {
    await supervisor.close();
    hub.close();
    recorder.close();
    db.close();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Duto API', version: '1', description: 'Pipelines, stages and run control of Duto.' },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/tokens).' },
          session: { type: 'apiKey', in: 'cookie', name: security.cookie.name, description: 'The session cookie set by POST /api/auth/login.' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
  });
  await app.register(withAccess('viewer', swaggerUi), { routePrefix: '/api/docs', transformStaticCSP: allowInlineStyles });

  await app.register(healthRoutes, { kafkaBrokers: config.kafkaBrokers });
  await app.register(stageRoutes, { catalog });
  await app.register(pipelineRoutes, {
    store,
    validate,
    isActive: (id) => supervisor.isActive(id),
    firingAlerts: (id) => evaluator.firingCount(id),
    retained: new RetainedStates({
      implementations: implementationsOf(),
      parameters: (id) => runs.desired(id)?.parameters ?? {},
      resolveSecrets: (document) => security.pipelineSecrets.resolveSecrets(document),
    }),
    checkServices: async (document) => [
      ...security.pipelineSecrets.missing(document),
      ...(await serviceIssues(document, implementationsOf(), { kafkaBrokers: config.kafkaBrokers, lakeDir: config.lakeDir })),
    ],
  });
  await app.register(runRoutes, { store, runs, supervisor, validate, currentSnapshot, secretIssues: (document) => security.pipelineSecrets.missing(document) });
  await app.register(errorRecordRoutes, { store, runs, supervisor });
  const previews = new PreviewService({
    store,
    runs,
    validate,
    implementations: implementationsOf(),
    resolveSecrets: (document) => security.pipelineSecrets.resolveSecrets(document),
    kafkaBrokers: config.kafkaBrokers,
    lakeDir: config.lakeDir,
    log: app.log,
  });
  await app.register(previewRoutes, { previews });
  await app.register(liveRoutes, { hub, currentSnapshot });
  await app.register(prometheusRoutes, { store, currentSnapshot });
  await app.register(historyRoutes, { store, recorder });
  await app.register(alertRoutes, { store, alerts, evaluator });
  await app.register(lakeRoutes, { lakeDir: config.lakeDir });
  await registerSecurityRoutes(app, security, (name) =>
    store.list().flatMap((p) => (security.pipelineSecrets.references(store.get(p.id)!.document).includes(name) ? [p.id] : [])),
  );
  app.addHook('onReady', async () => supervisor.resumeWanted());

  registerWebApp(app, config.webDist);
  return app;
}

/**
 * Serves the built web app; unknown non-API paths get index.html so client routes load.
 * Its files load without login (the login page is one of them); only the API needs one.
 */
function registerWebApp(app: FastifyInstance, webDist: string | undefined): void {
  const indexHtml = webDist !== undefined && existsSync(join(webDist, 'index.html')) ? readFileSync(join(webDist, 'index.html')) : undefined;
  if (indexHtml) void app.register(withAccess('public', fastifyStatic), { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (indexHtml && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    throw ApiError.single(404, ErrorCodes.notFound, `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}
