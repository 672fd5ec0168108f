import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { StageCatalog } from '@duto/model';
import type { ServerConfig } from '../config';
import { AuditStore } from '../audit/audit-store';
import { installAudit } from '../audit/request-audit';
import { ensureFirstAdmin, type FirstAdmin } from '../auth/first-admin';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../auth/login-throttle';
import { createAuthenticator, sessionCookieName, type Authenticator } from '../auth/principal';
import { DEFAULT_SESSION_LIFETIMES, SessionStore, type SessionLifetimes } from '../auth/session-store';
import { TokenStore } from '../auth/token-store';
import { UserStore } from '../auth/user-store';
import { SecretCipher } from '../secrets/cipher';
import { loadOrCreateKey } from '../secrets/key-file';
import { PipelineSecrets } from '../secrets/pipeline-secrets';
import { SecretStore } from '../secrets/secret-store';
import { authRoutes, type SessionCookie } from '../routes/auth';
import { tokenRoutes } from '../routes/tokens';
import { userRoutes } from '../routes/users';
import { secretRoutes } from '../routes/secrets';
import { auditRoutes } from '../routes/audit';
import { registerSecurityHeaders } from './headers';
import { parseJsonBodies } from './json-body';
import { collectRouteTable, enforceAccess } from './route-access';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the first start did about the admin user (null on later starts), for the console. */
    firstAdmin: FirstAdmin | null;
  }
}

/** Knobs the tests turn; production uses the defaults. */
export interface SecurityOptions {
  sessions?: SessionLifetimes;
  loginLimits?: LoginLimits;
}

export interface Security {
  users: UserStore;
  sessions: SessionStore;
  tokens: TokenStore;
  secrets: SecretStore;
  pipelineSecrets: PipelineSecrets;
  audit: AuditStore;
  cookie: SessionCookie;
  authenticate: Authenticator;
  loginLimits: LoginLimits;
  firstAdmin: FirstAdmin | undefined;
}

/** The stores of users, sessions, tokens, secrets and the audit log; makes the first admin and the secrets key on a first start. */
export async function openSecurity(db: Database, config: ServerConfig, catalog: StageCatalog, options: SecurityOptions = {}): Promise<Security> {
  const lifetimes = options.sessions ?? DEFAULT_SESSION_LIFETIMES;
  const users = new UserStore(db);
  const sessions = new SessionStore(db, lifetimes);
  const tokens = new TokenStore(db);
  const secrets = new SecretStore(db, new SecretCipher(loadOrCreateKey(config.home)));
  const tls = config.tls !== undefined;
  const cookieName = sessionCookieName(tls);
  return {
    users,
    sessions,
    tokens,
    secrets,
    pipelineSecrets: new PipelineSecrets(secrets, catalog),
    audit: new AuditStore(db),
    cookie: { name: cookieName, options: { path: '/', httpOnly: true, sameSite: 'strict', secure: tls, maxAge: Math.floor(lifetimes.maxMs / 1000) } },
    authenticate: createAuthenticator(users, sessions, tokens, cookieName),
    loginLimits: options.loginLimits ?? DEFAULT_LOGIN_LIMITS,
    firstAdmin: await ensureFirstAdmin(users, config.initialAdminPassword),
  };
}

/**
 * Everything that guards requests, installed before any route: the route table, the JSON
 * body parser, security headers, cookies, the login rate limiter, the audit decorator and
 * the access gate.
 */
export async function installSecurity(app: FastifyInstance, security: Security, config: ServerConfig): Promise<void> {
  collectRouteTable(app);
  parseJsonBodies(app);
  await registerSecurityHeaders(app, { tls: config.tls !== undefined, webDist: config.webDist });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  installAudit(app, security.audit);
  enforceAccess(app, security.authenticate);
  app.decorate('firstAdmin', security.firstAdmin ?? null);
}

/** The routes of login, tokens, users, secrets and the audit log. */
export async function registerSecurityRoutes(app: FastifyInstance, security: Security, secretUsers: (name: string) => string[]): Promise<void> {
  const { users, sessions, tokens, secrets, audit, cookie: sessionCookie, loginLimits } = security;
  await app.register(authRoutes, { users, sessions, cookie: sessionCookie, loginLimits });
  await app.register(tokenRoutes, { tokens });
  await app.register(userRoutes, { users, sessions });
  await app.register(secretRoutes, { secrets, usedBy: secretUsers });
  await app.register(auditRoutes, { audit });
}
