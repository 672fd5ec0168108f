import type { FastifyRequest } from 'fastify';

/** This server's origin as the browser sees it: scheme and the Host it was asked for. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`.toLowerCase();
}

/** The origin a browser claims for the request: Origin, else the Referer's origin. */
function claimedOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin.toLowerCase();
  const referer = request.headers.referer;
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin.toLowerCase();
  } catch {
    return 'an unreadable Referer';
  }
}

/**
 * Why a cookie-authenticated request that changes something is refused, if it is: it must
 * say where it comes from (browsers send Origin on every such request) and come from here.
 */
export function originProblem(request: FastifyRequest): string | undefined {
  const claimed = claimedOrigin(request);
  if (claimed === undefined) return 'it has neither an Origin nor a Referer header';
  const own = ownOrigin(request);
  return claimed === own ? undefined : `it comes from ${claimed}, not from this server (${own})`;
}

/** As `originProblem`, but a request that names no origin at all (a script) passes. */
export function foreignOriginProblem(request: FastifyRequest): string | undefined {
  return claimedOrigin(request) === undefined ? undefined : originProblem(request);
}
