import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, FastifyPluginOptions, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ApiError, ErrorCodes } from '../errors';
import { roleAtLeast } from '@duto/model';
import type { Access } from '../auth/roles';
import type { Authenticator } from '../auth/principal';
import { foreignOriginProblem, originProblem } from './csrf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: `public`, or the least role. A route without it is refused. */
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route as registered, one entry per method, with the access it declares. */
    routeTable(): RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Keeps every route as it is registered, so that tests can check each one. Call before any route. */
export function collectRouteTable(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Read when asked, not when registered: a plugin's own onRoute hook may set the access after ours ran.
  app.decorate('routeTable', () =>
    routes.flatMap((route) => (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({ method, url: route.url, access: route.config?.access }))),
  );
}

/**
 * A third-party plugin whose routes cannot be annotated one by one (static files, the
 * OpenAPI UI), registered so that each of its routes gets `access`.
 */
export function withAccess<Options extends FastifyPluginOptions>(access: Access, plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>): FastifyPluginAsync<Options> {
  return async (scope, options) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? access };
    });
    await scope.register(plugin, options);
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request may change something: an unsafe method, or a WebSocket upgrade. */
function actsOnBehalf(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method) || request.headers.upgrade?.toLowerCase() === 'websocket';
}

/**
 * What a request needs. An unknown path is the web app's client-side route when it is a
 * page request outside /api (the login page must load), otherwise it needs a login, so
 * that the API's shape is not open to probing.
 */
function requiredAccess(request: FastifyRequest): Access | undefined {
  if (request.is404) {
    const page = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && !request.url.startsWith('/metrics');
    return page ? 'public' : 'viewer';
  }
  return request.routeOptions.config.access;
}

/**
 * The one gate of every request (fail closed): a route without an access rule is refused;
 * any other needs a valid session or API token with a role at least the route's. A request
 * authenticated by the session cookie that changes something must come from this server's
 * own origin (CSRF); an API token is not sent by browsers on their own, so it needs no such check.
 */
export function enforceAccess(app: FastifyInstance, authenticate: Authenticator): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = requiredAccess(request);
    if (access === undefined) {
      request.log.error({ route: request.routeOptions.url, method: request.method }, 'route declares no access rule; refused');
      throw ApiError.single(403, ErrorCodes.forbidden, 'this route declares no access rule, so it is refused');
    }
    const changes = actsOnBehalf(request);
    if (access === 'public') {
      // A login posted from another site would log the victim in as the attacker.
      const foreign = changes ? foreignOriginProblem(request) : undefined;
      if (foreign) throw ApiError.single(403, ErrorCodes.crossOrigin, `cross-origin request refused: ${foreign}`);
      return;
    }
    const principal = authenticate(request);
    if (!principal) {
      void reply.header('www-authenticate', 'Bearer realm="duto"');
      throw ApiError.single(401, ErrorCodes.unauthenticated, 'log in first, or send an API token as Authorization: Bearer <token>');
    }
    if (principal.via === 'session' && changes) {
      const problem = originProblem(request);
      if (problem) throw ApiError.single(403, ErrorCodes.crossOrigin, `cross-origin request refused: ${problem}`);
    }
    if (!roleAtLeast(principal.role, access)) {
      throw ApiError.single(403, ErrorCodes.forbidden, `this needs the ${access} role; ${principal.username} acts as ${principal.role} here`);
    }
    request.principal = principal;
  });
}
