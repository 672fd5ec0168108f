import pg from 'pg';

/**
 * A PostgreSQL client whose lost connection is reported by the query under way (or the
 * next one): without an 'error' listener, pg's 'error' event would end the runner process.
 */
export function pgClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config);
  client.on('error', () => {});
  return client;
}
