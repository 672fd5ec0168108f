import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DATABASE_URLS } from '../../../packages/stages/src/testing/databases';

export { testDatabase, type TestDatabase } from '../../../packages/stages/src/testing/databases';

/** The test machine's PostgreSQL (wal_level=logical), the stage test kit's database. */
export const POSTGRES_URL = DATABASE_URLS.postgres;

/** Runs SQL with the psql command-line client, as someone at a terminal would: one call, one transaction. */
export async function psql(sql: string): Promise<void> {
  await promisify(execFile)('/usr/bin/psql', [POSTGRES_URL, '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
}
