import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiProblem } from '@duto/model';

/** Stable codes for errors that are not about a place in a document. */
export const ErrorCodes = {
  notFound: 'DUTO_ERR_NOT_FOUND',
  conflict: 'DUTO_ERR_CONFLICT',
  staleVersion: 'DUTO_ERR_STALE_VERSION',
  badRequest: 'DUTO_ERR_BAD_REQUEST',
  invalidJson: 'DUTO_ERR_INVALID_JSON',
  tooLarge: 'DUTO_ERR_TOO_LARGE',
  unsupportedMediaType: 'DUTO_ERR_UNSUPPORTED_MEDIA_TYPE',
  internal: 'DUTO_ERR_INTERNAL',
  limitReached: 'DUTO_ERR_LIMIT_REACHED',
  unauthenticated: 'DUTO_ERR_UNAUTHENTICATED',
  forbidden: 'DUTO_ERR_FORBIDDEN',
  crossOrigin: 'DUTO_ERR_CROSS_ORIGIN',
  tooManyAttempts: 'DUTO_ERR_TOO_MANY_ATTEMPTS',
  serviceFailed: 'DUTO_ERR_SERVICE_FAILED',
} as const;

/** Duto cannot start as configured; the message says what to fix. */
export class StartupError extends Error {}

/** An error with an HTTP status whose body is `{ errors: [...] }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly problems: ApiProblem[],
  ) {
    super(problems.map((p) => `${p.path || '(request)'}: ${p.message}`).join('; '));
  }

  static single(statusCode: number, code: string, message: string): ApiError {
    return new ApiError(statusCode, [{ path: '', message, code }]);
  }
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCodes.tooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCodes.unsupportedMediaType,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCodes.invalidJson,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCodes.invalidJson,
};

/**
 * Every error leaves as `{ errors: [{ path, message, code }] }`. Request validation errors
 * name the JSON Pointer of the bad field; unexpected errors are logged and answered with a
 * generic 500 that reveals nothing of the server's internals.
 */
export function handleError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiError) {
    void reply.status(error.statusCode).send({ errors: error.problems });
    return;
  }
  if (error.validation) {
    const where = error.validationContext === 'body' ? '' : `/${error.validationContext ?? ''}`;
    const errors = error.validation.map((v) => ({
      path: where + v.instancePath + (v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty)}` : ''),
      message: v.message ?? 'is invalid',
      code: ErrorCodes.badRequest,
    }));
    void reply.status(400).send({ errors });
    return;
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    void reply.status(500).send({ errors: [{ path: '', message: 'internal error; see the server log', code: ErrorCodes.internal }] });
    return;
  }
  const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? ErrorCodes.invalidJson : ErrorCodes.badRequest);
  const message = code === ErrorCodes.invalidJson ? `the body is not valid JSON: ${error.message}` : error.message;
  void reply.status(status).send({ errors: [{ path: '', message, code }] });
}
