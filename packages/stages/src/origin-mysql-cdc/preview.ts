import { randomInt } from 'node:crypto';

/**
 * The replica id of a preview's binlog connection. The server keeps one connection per
 * replica id and drops the older one, so a preview under the pipeline's own serverId
 * would cut off the running pipeline. A preview also commits no position (its offset store
 * does not), so it leaves nothing behind: a binlog reader keeps no state on the server.
 * Random in the upper half of the range, away from the small ids people give by hand.
 */
export function previewServerId(): number {
  return 2 ** 31 + randomInt(2 ** 31 - 1);
}
