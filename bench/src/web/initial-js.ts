import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser loads before the first page shows: the module scripts and
 * module preloads that the built index.html names (lazy chunks are not counted), each
 * gzipped at zlib's default level, as a server would send it. In KB (1024 bytes).
 */
export function initialJsGzipKb(distDir: string): number {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const sources = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)].map((m) => m[1]!),
  ];
  if (sources.length === 0) throw new Error(`no script in ${join(distDir, 'index.html')}`);
  const bytes = [...new Set(sources)].reduce((sum, src) => sum + gzipSync(readFileSync(join(distDir, src.replace(/^\//, '')))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}
