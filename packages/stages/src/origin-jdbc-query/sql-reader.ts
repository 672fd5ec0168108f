import pg from 'pg';
import { pgClient } from '../common/pg-client';
import mysql, { type FieldPacket, type RowDataPacket } from 'mysql2/promise';
import { connectionOptions, type SqlDialect } from '../common/sql';
import { isoDateTime, toJsonObject } from '../common/json-values';

/** One connection that runs SELECTs with bound parameters and answers rows as JSON values. */
export interface SqlReader {
  readonly dialect: SqlDialect;
  select(sql: string, params: string[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function openSqlReader(dialect: SqlDialect, connectionString: string, password: string | undefined): Promise<SqlReader> {
  const options = connectionOptions(connectionString, password);
  return dialect === 'postgres' ? openPostgres(options) : openMysql(options);
}

type ConnectionOptions = ReturnType<typeof connectionOptions>;

const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;
const PG_DATE = 1082;

/** Time values as text at full precision; the session in UTC so that instants read as `Z`. */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === PG_TIMESTAMP) return (text: string) => isoDateTime(text, false);
    if (oid === PG_TIMESTAMPTZ) return (text: string) => isoDateTime(text, true);
    if (oid === PG_DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

async function openPostgres(options: ConnectionOptions): Promise<SqlReader> {
  const client = pgClient({ ...options, types: pgTypes, options: '-c TimeZone=UTC' });
  await client.connect();
  return {
    dialect: 'postgres',
    async select(sql, params) {
      const result = await client.query<Record<string, unknown>>(sql, params);
      return result.rows.map(toJsonObject);
    },
    close: () => client.end(),
  };
}

const MYSQL_TIMESTAMP = mysql.Types.TIMESTAMP;
const MYSQL_DATETIME = mysql.Types.DATETIME;

async function openMysql(options: ConnectionOptions): Promise<SqlReader> {
  const connection = await mysql.createConnection({
    ...options,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    // Every statement text is prepared once; polls repeat only a few of them.
    maxPreparedStatements: 16,
  });
  connection.on('error', () => {});
  // TIMESTAMP columns are then read in UTC, which their values get `Z` for.
  await connection.query(`SET time_zone = '+00:00'`);
  return {
    dialect: 'mysql',
    async select(sql, params) {
      const [rows, fields] = await connection.execute<RowDataPacket[]>(sql, params);
      const temporal = temporalColumns(fields);
      return rows.map((row) => {
        const value = toJsonObject(row);
        for (const [name, instant] of temporal) {
          if (typeof value[name] === 'string') value[name] = isoDateTime(value[name], instant);
        }
        return value;
      });
    },
    close: () => connection.end(),
  };
}

/** DATETIME and TIMESTAMP columns by name; true for TIMESTAMP (an instant). */
function temporalColumns(fields: FieldPacket[]): Array<[string, boolean]> {
  return fields.flatMap((f): Array<[string, boolean]> =>
    f.columnType === MYSQL_TIMESTAMP ? [[f.name, true]] : f.columnType === MYSQL_DATETIME ? [[f.name, false]] : [],
  );
}
