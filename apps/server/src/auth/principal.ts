import type { FastifyRequest } from 'fastify';
import type { Role } from '@duto/model';
import type { SessionStore } from './session-store';
import type { TokenStore } from './token-store';
import type { UserStore } from './user-store';

/** Who makes a request, and how they proved it. */
export type Principal =
  | { via: 'session'; userId: number; username: string; role: Role; sessionHash: string }
  | { via: 'token'; userId: number; username: string; role: Role; tokenId: string; tokenName: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that is not public. */
    principal?: Principal;
  }
}

/** How the principal is named in the audit log. */
export function actorName(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.via === 'token' ? `token:${principal.tokenName} (${principal.username})` : principal.username;
}

export const sessionCookieName = (tls: boolean) => (tls ? '__Host-duto_session' : 'duto_session');

/**
 * The principal of a request: an `Authorization: Bearer` API token, else the session
 * cookie. A request that sends an Authorization header is judged by it alone.
 */
export function createAuthenticator(users: UserStore, sessions: SessionStore, tokens: TokenStore, cookieName: string) {
  return (request: FastifyRequest): Principal | undefined => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
      const used = tokens.use(token);
      return used && { via: 'token', userId: used.userId, username: used.username, role: used.role, tokenId: used.tokenId, tokenName: used.tokenName };
    }
    const cookie = request.cookies[cookieName];
    if (!cookie) return undefined;
    const session = sessions.use(cookie);
    const user = session && users.byId(session.userId);
    return user && { via: 'session', userId: user.id, username: user.username, role: user.role, sessionHash: session.sessionHash };
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
