import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import mysql from 'mysql2/promise';
import type { SqlDialect } from '../common/sql';

/**
 * For tests: the PostgreSQL and MariaDB of the test machine, as plain clients outside Duto
 * that create, fill and check tables. Each test names its tables with uniqueName() and
 * drops them at the end.
 */
export const DATABASE_URLS: Record<SqlDialect, string> = {
  postgres: process.env.DUTO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.DUTO_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test',
};

export interface TestDatabase {
  dialect: SqlDialect;
  url: string;
  /** Runs one statement; values are bound ($1 in PostgreSQL, ? in MariaDB). */
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** Rows as the driver reads them; MariaDB time values and big numbers as strings. */
  rows(sql: string, params?: unknown[]): Promise<Array<Record<string, any>>>;
  close(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
}

export async function testDatabase(dialect: SqlDialect): Promise<TestDatabase> {
  const url = DATABASE_URLS[dialect];
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    return {
      dialect,
      url,
      exec: async (sql, params) => void (await client.query(sql, params)),
      rows: async (sql, params) => (await client.query(sql, params)).rows,
      close: () => client.end(),
    };
  }
  const connection = await mysql.createConnection({
    uri: url,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
  });
  connection.on('error', () => {});
  return {
    dialect,
    url,
    exec: async (sql, params) => void (await connection.query(sql, params)),
    rows: async (sql, params) => (await connection.query(sql, params))[0] as Array<Record<string, any>>,
    close: () => connection.end(),
  };
}

/** A TCP relay in front of a database whose outage a test can switch on and off. */
export interface OutageProxy {
  /** The database URL through the relay. */
  url: string;
  /** Drops every connection and refuses new ones, as a database that went down. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function outageProxy(dialect: SqlDialect): Promise<OutageProxy> {
  const target = new URL(DATABASE_URLS[dialect]);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const down = async () => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const url = new URL(DATABASE_URLS[dialect]);
  url.port = String(port);
  return { url: url.toString(), down, up: () => listen(port), close: down };
}

/**
 * Tests that purge binlogs and tests whose stopped pipelines need the binlog kept run under
 * this MariaDB lock, so that test files running side by side never overlap there.
 */
export async function underBinlogLock<T>(db: TestDatabase, work: () => Promise<T>): Promise<T> {
  const [row] = await db.rows(`SELECT GET_LOCK('duto-test-binlog-history', 300) AS acquired`);
  if (Number(row?.acquired) !== 1) throw new Error('could not take the binlog test lock within 300 s');
  try {
    return await work();
  } finally {
    await db.exec(`SELECT RELEASE_LOCK('duto-test-binlog-history')`);
  }
}
