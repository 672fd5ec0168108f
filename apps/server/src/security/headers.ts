import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Security headers on every response: a CSP that lets the page load only this server's
 * scripts (plus the inline scripts of the built index.html, by hash), never be framed,
 * no MIME sniffing, no referrer sent to other sites, and HSTS when served over TLS.
 */
export async function registerSecurityHeaders(app: FastifyInstance, { tls, webDist }: { tls: boolean; webDist: string | undefined }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'unsafe-eval': Ajv compiles the stage forms' JSON Schemas (and the pipeline
        // validator's) into functions in the browser. Script elements still run only from
        // this server or by hash. Precompiled (standalone) validators would let this go.
        scriptSrc: ["'self'", "'unsafe-eval'", ...inlineScriptHashes(webDist)],
        // No 'unsafe-inline': React (and with it React Flow's node positions and the charts)
        // sets styles through the CSSOM, which CSP does not restrict; the e2e suite runs
        // without a single violation. Only the OpenAPI page needs inline styles (below).
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: tls ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false } : false,
  });
}

/** The Swagger UI page at /api/docs styles its elements inline: there, and only there, inline styles are allowed. */
export function allowInlineStyles(csp: string): string {
  return csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

/** `'sha256-…'` sources for the inline scripts of the web app's index.html. */
export function inlineScriptHashes(webDist: string | undefined): string[] {
  const file = webDist === undefined ? undefined : join(webDist, 'index.html');
  if (file === undefined || !existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
}
