import type { RetainedState } from '@duto/engine';
import { urlEndpoint } from '../common/endpoints';
import type { originPostgresCdc } from './meta';
import { dropSlot, pgConnection } from './setup';
import { pgClient } from '../common/pg-client';

/**
 * The replication slot is the pipeline's committed position, and it holds WAL on the
 * server until it is dropped. The publication stays: it holds nothing and may be shared.
 */
export const retainedSlot: RetainedState<typeof originPostgresCdc.configSchema> = {
  describe(config) {
    const [server] = urlEndpoint('/connectionString', config.connectionString);
    const where = server ? ` on ${server.host}:${server.port}` : '';
    return `replication slot "${config.slotName}"${where}, which keeps WAL on the server until it is dropped`;
  },
  async release(config) {
    const client = pgClient(pgConnection(config));
    await client.connect();
    try {
      await dropSlot(client, config.slotName);
    } finally {
      await client.end();
    }
  },
};
