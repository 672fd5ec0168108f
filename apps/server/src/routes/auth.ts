import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CookieSerializeOptions } from '@fastify/cookie';
import Type from 'typebox';
import { LoginBody, Me, PasswordChangeBody } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { createLoginThrottle, type LoginLimits } from '../auth/login-throttle';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { SessionStore } from '../auth/session-store';
import type { UserStore } from '../auth/user-store';
import { errorResponses } from './route-schemas';

export interface SessionCookie {
  name: string;
  options: CookieSerializeOptions;
}

export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionStore;
  cookie: SessionCookie;
  loginLimits: LoginLimits;
}


/** Login with a session cookie, logout, who am I, and changing one's own password. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { users, sessions, cookie, loginLimits }) => {
  const throttle = createLoginThrottle(app, loginLimits, (request) => (request.body as LoginBody).username);

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Log in: sets the session cookie (HttpOnly, SameSite=Strict). Failed attempts are limited per address and per username.',
        tags: ['auth'],
        body: LoginBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const wait = await throttle.retryAfter(request);
      if (wait !== undefined) {
        void reply.header('retry-after', String(wait));
        throw ApiError.single(429, ErrorCodes.tooManyAttempts, `too many failed logins; try again in ${wait} s`);
      }
      const user = users.byName(request.body.username);
      // An unknown user costs one hash check too and gets the same answer, so neither time nor text tells who exists.
      if (!(await verifyPassword(user?.passwordHash, request.body.password)) || !user) {
        await throttle.failed(request);
        request.audit('login.failed', request.body.username.slice(0, 100));
        throw ApiError.single(401, ErrorCodes.unauthenticated, 'wrong username or password');
      }
      const { token, sessionHash } = sessions.create(user.id);
      request.principal = { via: 'session', userId: user.id, username: user.username, role: user.role, sessionHash };
      request.audit('login', user.username);
      return reply.setCookie(cookie.name, token, cookie.options).status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'viewer' }, schema: { summary: 'End this session and clear its cookie.', tags: ['auth'], response: { 204: Type.Null(), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const principal = request.principal!;
      if (principal.via === 'session') sessions.delete(principal.sessionHash);
      request.audit('logout', principal.username);
      const { maxAge: _lasting, ...clearing } = cookie.options;
      return reply.clearCookie(cookie.name, clearing).status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'viewer' }, schema: { summary: 'The user making the request, their role, and how they are authenticated.', tags: ['auth'], response: { 200: Me, ...errorResponses(401) } } },
    async (request) => {
      const { username, role, via } = request.principal!;
      return { username, role, via };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Change your own password; your other sessions end.',
        tags: ['auth'],
        body: PasswordChangeBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const user = users.byId(principal.userId)!;
      if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw new ApiError(400, [{ path: '/currentPassword', message: 'is not your current password', code: ErrorCodes.badRequest }]);
      }
      users.setPasswordHash(user.id, await hashPassword(request.body.newPassword));
      sessions.deleteForUser(user.id, principal.via === 'session' ? principal.sessionHash : undefined);
      request.audit('password.change', user.username);
      return reply.status(204).send(null);
    },
  );
};
