import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { PasswordResetBody, UserCreateBody, UserRoleBody, UserSummary } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { hashPassword } from '../auth/passwords';
import type { SessionStore } from '../auth/session-store';
import { LastAdminError, type UserStore } from '../auth/user-store';
import { errorResponses } from './route-schemas';

export interface UserRoutesOptions {
  users: UserStore;
  sessions: SessionStore;
}

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** User management, for admins. Duto always keeps at least one admin. */
export const userRoutes: FastifyPluginAsyncTypebox<UserRoutesOptions> = async (app, { users, sessions }) => {
  const userOr404 = (id: number) => users.byId(id) ?? Promise.reject(ApiError.single(404, ErrorCodes.notFound, `no user has the id ${id}`));
  /** Runs a change, answering 409 when it would leave Duto without an admin. */
  const keepingAnAdmin = <T>(change: () => T): T => {
    try {
      return change();
    } catch (error) {
      if (error instanceof LastAdminError) throw ApiError.single(409, ErrorCodes.conflict, error.message);
      throw error;
    }
  };

  app.get(
    '/api/users',
    { config: { access: 'admin' }, schema: { summary: 'Every user and their role.', tags: ['users'], response: { 200: Type.Array(UserSummary), ...errorResponses(401, 403) } } },
    async () => users.list(),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { summary: 'Create a user.', tags: ['users'], body: UserCreateBody, response: { 201: UserSummary, ...errorResponses(400, 401, 403, 409) } },
    },
    async (request, reply) => {
      const { username, password, role } = request.body;
      const created = users.create(username, await hashPassword(password), role);
      if (!created) throw new ApiError(409, [{ path: '/username', message: `"${username}" is taken`, code: ErrorCodes.conflict }]);
      request.audit('user.create', created.username, { role });
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/users/:id/role',
    {
      config: { access: 'admin' },
      schema: { summary: 'Change a user\'s role (the last admin keeps theirs).', tags: ['users'], params: IdParams, body: UserRoleBody, response: { 200: UserSummary, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const before = await userOr404(request.params.id);
      const changed = keepingAnAdmin(() => users.setRole(before.id, request.body.role))!;
      request.audit('user.role', before.username, { from: before.role, to: request.body.role });
      return changed;
    },
  );

  app.put(
    '/api/users/:id/password',
    {
      config: { access: 'admin' },
      schema: { summary: 'Set a user\'s password; their sessions end.', tags: ['users'], params: IdParams, body: PasswordResetBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const user = await userOr404(request.params.id);
      users.setPasswordHash(user.id, await hashPassword(request.body.password));
      sessions.deleteForUser(user.id);
      request.audit('user.password', user.username);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: { summary: 'Delete a user with their sessions and API tokens (not the last admin).', tags: ['users'], params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const user = await userOr404(request.params.id);
      keepingAnAdmin(() => users.delete(user.id));
      request.audit('user.delete', user.username);
      return reply.status(204).send(null);
    },
  );
};
