import type { Pgoutput } from 'pg-logical-replication';
import type { DutoRecord } from '@duto/model';
import { toJsonObject } from '../common/json-values';

/** An entry of the origin's buffer: a change, or the end of the transaction it belongs to. */
export type ChangeEntry = { kind: 'change'; record: DutoRecord } | { kind: 'commit'; endLsn: string };

/**
 * The record for one pgoutput message, or undefined for messages that carry no row change.
 * Inserts and updates carry the new row; deletes the old row (or its key, when the table's
 * replica identity gives no more). An update's before image, when the replica identity
 * gives one, goes in `cdc.before`.
 */
export function changeRecord(lsn: string, message: Pgoutput.Message): DutoRecord | undefined {
  if (message.tag !== 'insert' && message.tag !== 'update' && message.tag !== 'delete') return undefined;
  const attributes: Record<string, string> = {
    'cdc.op': message.tag,
    'cdc.table': `${message.relation.schema}.${message.relation.name}`,
    'cdc.lsn': lsn,
  };
  if (message.tag === 'delete') {
    const before = message.old ?? message.key ?? {};
    return { value: toJsonObject(before), attributes };
  }
  if (message.tag === 'update' && (message.old ?? message.key)) {
    attributes['cdc.before'] = JSON.stringify(toJsonObject((message.old ?? message.key)!));
  }
  return { value: toJsonObject(message.new), attributes };
}
