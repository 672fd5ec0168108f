import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { TokenCreateBody, TokenCreated, TokenSummary } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { roleAtLeast } from '@duto/model';
import type { TokenStore } from '../auth/token-store';
import { errorResponses } from './route-schemas';


/** API tokens for scripts and CI: anyone may make tokens up to their own role; admins see and revoke all. */
export const tokenRoutes: FastifyPluginAsyncTypebox<{ tokens: TokenStore }> = async (app, { tokens }) => {
  app.post(
    '/api/tokens',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Create an API token (send it as Authorization: Bearer <token>). The token is in this answer only.',
        tags: ['auth'],
        body: TokenCreateBody,
        response: { 201: TokenCreated, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      if (!roleAtLeast(principal.role, request.body.role)) {
        throw new ApiError(403, [{ path: '/role', message: `a token cannot have more rights than its maker: you act as ${principal.role}`, code: ErrorCodes.forbidden }]);
      }
      const created = tokens.create(principal.userId, request.body.name, request.body.role);
      request.audit('token.create', created.name, { id: created.id, role: created.role });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/tokens',
    { config: { access: 'viewer' }, schema: { summary: 'API tokens (never their values): yours, or every one for an admin.', tags: ['auth'], response: { 200: Type.Array(TokenSummary), ...errorResponses(401) } } },
    async (request) => {
      const principal = request.principal!;
      return tokens.list(principal.role === 'admin' ? undefined : principal.userId);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Revoke an API token: yours, or any for an admin. It stops working at once.',
        tags: ['auth'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const token = tokens.summary(request.params.id);
      // Another user's token is "not found" to a non-admin, so ids cannot be probed.
      if (!token || (token.userId !== principal.userId && principal.role !== 'admin')) {
        throw ApiError.single(404, ErrorCodes.notFound, `no token has the id "${request.params.id}"`);
      }
      tokens.delete(token.id);
      request.audit('token.delete', token.name, { id: token.id, owner: token.owner });
      return reply.status(204).send(null);
    },
  );
};
