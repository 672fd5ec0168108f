import type { FastifyInstance } from 'fastify';
import { escapeToken } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';

/** Deeper JSON is refused: no document or record needs it, and deep values cost recursion everywhere. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON bodies, refusing (400, at the JSON Pointer of the offending key) objects
 * nested deeper than MAX_JSON_DEPTH and the keys that poison prototypes: `__proto__`, and
 * `constructor` holding `prototype`. Fastify's own parser refuses those too, but without
 * saying where.
 */
export function parseJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(ApiError.single(400, ErrorCodes.invalidJson, 'the body is empty; send a JSON value'));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(ApiError.single(400, ErrorCodes.invalidJson, `the body is not valid JSON: ${(error as Error).message}`));
    }
    const problem = unsafeJsonProblem(value);
    if (problem) return done(new ApiError(400, [{ ...problem, code: ErrorCodes.badRequest }]));
    done(null, value);
  });
}

/** The first place where the value is too deep or carries a prototype-poisoning key. */
export function unsafeJsonProblem(root: unknown): { path: string; message: string } | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}/${escapeToken(key)}`;
      if (key === '__proto__') return { path: at, message: 'is a key that is not allowed (__proto__)' };
      if (key === 'constructor' && child !== null && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
        return { path: `${at}/prototype`, message: 'is a key that is not allowed (constructor.prototype)' };
      }
      pending.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}
