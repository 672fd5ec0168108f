import pg from 'pg';
import mysql, { type ExecuteValues } from 'mysql2/promise';
import { connectionOptions, type SqlDialect } from '../common/sql';

export interface SqlTransaction {
  execute(sql: string, params?: unknown[]): Promise<void>;
}

/** A small pool of connections that writes in transactions. */
export interface SqlWriter {
  readonly dialect: SqlDialect;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  select(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Enough for several origins writing at once; each batch holds one connection. */
const POOL_SIZE = 4;

export function openSqlWriter(dialect: SqlDialect, connectionString: string, password: string | undefined): SqlWriter {
  const options = connectionOptions(connectionString, password);
  return dialect === 'postgres' ? postgresWriter(options) : mysqlWriter(options);
}

type ConnectionOptions = ReturnType<typeof connectionOptions>;

function postgresWriter(options: ConnectionOptions): SqlWriter {
  // In UTC, text without a zone written to a timestamptz column means the same on every server.
  const pool = new pg.Pool({ ...options, max: POOL_SIZE, options: '-c TimeZone=UTC' });
  // An idle connection that breaks is dropped by the pool; the next write opens another.
  pool.on('error', () => {});
  return {
    dialect: 'postgres',
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      // A connection lost during the transaction fails the query in flight; the event that
      // comes with it must not go unhandled (the pool listens only to idle connections).
      const lost = () => void (broken = true);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await work({ execute: async (sql, params) => void (await client.query(sql, params)) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    },
    async select(sql, params) {
      return (await pool.query<Record<string, unknown>>(sql, params)).rows;
    },
    close: () => pool.end(),
  };
}

function mysqlWriter(options: ConnectionOptions): SqlWriter {
  const pool = mysql.createPool({
    ...options,
    connectionLimit: POOL_SIZE,
    supportBigNumbers: true,
    bigNumberStrings: true,
    // Each statement shape (rows × columns) is prepared once per connection; the server
    // allows only so many prepared statements in all (max_prepared_stmt_count).
    maxPreparedStatements: 64,
  });
  // TIMESTAMP values are written as UTC, the zone the ISO text of the records is in. It runs
  // before any statement of the connection; a connection too broken to run it fails the next one.
  pool.pool.on('connection', (connection) => connection.query(`SET time_zone = '+00:00'`, () => {}));
  return {
    dialect: 'mysql',
    async transaction(work) {
      const connection = await pool.getConnection();
      let broken = false;
      try {
        await connection.beginTransaction();
        const result = await work({
          execute: async (sql, params = []) => {
            // Savepoint statements cannot be prepared; they take no values.
            if (params.length === 0) await connection.query(sql);
            else await connection.execute(sql, params as ExecuteValues[]);
          },
        });
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback().catch(() => (broken = true));
        throw error;
      } finally {
        if (broken) connection.destroy();
        else connection.release();
      }
    },
    async select(sql, params) {
      const [rows] = await pool.execute(sql, params as ExecuteValues[]);
      return rows as Array<Record<string, unknown>>;
    },
    close: () => pool.end(),
  };
}
