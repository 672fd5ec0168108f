import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerConfig {
  host: string;
  port: number;
  /** SQLite store, secrets key and local Kafka data. */
  home: string;
  /** Every file a stage reads or writes lies under this folder. */
  lakeDir: string;
  /** Kafka bootstrap servers, as host:port. */
  kafkaBrokers: string[];
  /** Whether the brokers came from KAFKA_BROKERS (else Duto runs its own local broker). */
  externalKafka: boolean;
  /** The built web app, served at /; absent in API-only tests. */
  webDist?: string;
  /** PEM certificate and key files: Duto serves HTTPS when they are set. */
  tls?: { certFile: string; keyFile: string };
  /** DUTO_ADMIN_PASSWORD: the password of the user `admin` made on a first start. */
  initialAdminPassword?: string;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Reads the contract's environment variables; relative paths are taken from `cwd`. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const home = resolve(cwd, env.DUTO_HOME || '.duto');
  const port = Number(env.DUTO_PORT || 8640);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`DUTO_PORT must be a port number, not "${env.DUTO_PORT}"`);
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (Boolean(env.DUTO_TLS_CERT) !== Boolean(env.DUTO_TLS_KEY)) throw new Error('set both DUTO_TLS_CERT and DUTO_TLS_KEY (PEM files), or neither');
  return {
    host: env.DUTO_HOST || '127.0.0.1',
    port,
    home,
    lakeDir: resolve(cwd, env.DUTO_LAKE_DIR || resolve(home, 'lake')),
    kafkaBrokers: brokers.length > 0 ? brokers : ['127.0.0.1:9092'],
    externalKafka: brokers.length > 0,
    webDist: DEFAULT_WEB_DIST,
    ...(env.DUTO_TLS_CERT && env.DUTO_TLS_KEY ? { tls: { certFile: resolve(cwd, env.DUTO_TLS_CERT), keyFile: resolve(cwd, env.DUTO_TLS_KEY) } } : {}),
    ...(env.DUTO_ADMIN_PASSWORD ? { initialAdminPassword: env.DUTO_ADMIN_PASSWORD } : {}),
  };
}
