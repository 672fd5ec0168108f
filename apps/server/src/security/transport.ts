import { readFileSync } from 'node:fs';
import { StartupError } from '../errors';
import type { ServerConfig } from '../config';

/** Whether only this machine can reach the address. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The certificate and key for HTTPS, read once at start. */
export function readTls(config: ServerConfig): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tls) return undefined;
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new StartupError(`cannot read the TLS ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check DUTO_TLS_CERT and DUTO_TLS_KEY`);
    }
  };
  return { cert: read('certificate', config.tls.certFile), key: read('key', config.tls.keyFile) };
}
