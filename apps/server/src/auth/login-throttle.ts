import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface LoginLimits {
  /** Failed logins from one address within the window. */
  perIp: { max: number; windowMs: number };
  /** Failed logins for one username, from anywhere, within the window. */
  perUser: { max: number; windowMs: number };
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIp: { max: 20, windowMs: 5 * 60_000 },
  perUser: { max: 10, windowMs: 15 * 60_000 },
};

/**
 * Counts failed logins per address and per username (with @fastify/rate-limit's bounded
 * in-memory store) and refuses further attempts while either count is at its limit.
 * Only failures count, so that people who type their password right are never held up.
 */
export function createLoginThrottle(app: FastifyInstance, limits: LoginLimits, username: (request: FastifyRequest) => string) {
  const counters = [
    app.createRateLimit({ max: limits.perIp.max, timeWindow: limits.perIp.windowMs, keyGenerator: (request) => `ip:${request.ip}` }),
    app.createRateLimit({ max: limits.perUser.max, timeWindow: limits.perUser.windowMs, keyGenerator: (request) => `user:${username(request).toLowerCase()}` }),
  ];
  return {
    /** Seconds to wait before trying again, or undefined when an attempt may be made now. */
    async retryAfter(request: FastifyRequest): Promise<number | undefined> {
      let wait: number | undefined;
      for (const counter of counters) {
        const state = await counter(request, { increment: false });
        if (!state.isAllowed && state.remaining === 0) wait = Math.max(wait ?? 0, state.ttlInSeconds, 1);
      }
      return wait;
    },
    async failed(request: FastifyRequest): Promise<void> {
      for (const counter of counters) await counter(request);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
