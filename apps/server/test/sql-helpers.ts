import type { TestDatabase } from '@duto/stages/testing';
import { waitFor } from './helpers';

/** The test databases (PostgreSQL and MariaDB) of the stage test kit, for the server tests. */
export { DATABASE_URLS, testDatabase, underBinlogLock, uniqueName, type TestDatabase } from '@duto/stages/testing';

/** Waits until the table holds `count` rows. */
export async function waitForRows(db: TestDatabase, table: string, count: number, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => Number((await db.rows(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n),
    (n) => n >= count,
    timeoutMs,
    `${count} rows in ${table}`,
  );
}
