import { ApiRequestError, describeError } from '../api/client';

/** What the login form says when a login is refused or fails. */
export function loginProblem(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 401) return 'Wrong username or password.';
  if (error instanceof ApiRequestError && error.status === 429) {
    return error.retryAfterSeconds === undefined ? 'Too many attempts, try again later.' : `Too many attempts, try again in ${error.retryAfterSeconds} s.`;
  }
  return describeError(error);
}
