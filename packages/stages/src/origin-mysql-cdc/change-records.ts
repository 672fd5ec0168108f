import type { ColumnSchema, DeleteRowsEvent, UpdateRowsEvent, WriteRowsEvent } from '@vlasky/zongji';
import type { DutoRecord } from '@duto/model';
import { isoDateTime, toJsonValue } from '../common/json-values';

export type RowsEvent = WriteRowsEvent | UpdateRowsEvent | DeleteRowsEvent;

type ColumnKind = 'bigint' | 'instant' | 'datetime';

/**
 * The records of one row event: inserts and updates carry the row after, deletes the row
 * before; an update also carries its before image as JSON in `cdc.before`. Values read as
 * origin.jdbc-query reads them, so that both origins give a table's rows the same shape.
 */
export function changeRecords(event: RowsEvent, position: string): DutoRecord[] {
  const table = event.tableMap[event.tableId]!;
  const kinds = columnKinds(table.columnSchemas);
  const attributes: Record<string, string> = {
    'cdc.table': `${table.parentSchema}.${table.tableName}`,
    'cdc.position': position,
    ...(event.gtid === undefined ? {} : { 'cdc.gtid': event.gtid }),
  };
  const row = (values: Record<string, unknown>) => jsonRow(values, kinds);
  switch (event.getEventName()) {
    case 'writerows':
      return (event as WriteRowsEvent).rows.map((r) => ({ value: row(r), attributes: { 'cdc.op': 'insert', ...attributes } }));
    case 'updaterows':
      return (event as UpdateRowsEvent).rows.map((r) => ({
        value: row(r.after),
        attributes: { 'cdc.op': 'update', ...attributes, 'cdc.before': JSON.stringify(row(r.before)) },
      }));
    default:
      return (event as DeleteRowsEvent).rows.map((r) => ({ value: row(r), attributes: { 'cdc.op': 'delete', ...attributes } }));
  }
}

/**
 * Columns whose values need a hand: BIGINT always as text (the binlog gives a number when
 * it fits), TIMESTAMP (read in UTC) and DATETIME as ISO text.
 */
function columnKinds(columns: ColumnSchema[]): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  for (const column of columns) {
    const type = column.COLUMN_TYPE.toLowerCase();
    if (type.startsWith('bigint')) kinds.set(column.COLUMN_NAME, 'bigint');
    else if (type.startsWith('timestamp')) kinds.set(column.COLUMN_NAME, 'instant');
    else if (type.startsWith('datetime')) kinds.set(column.COLUMN_NAME, 'datetime');
  }
  return kinds;
}

function jsonRow(values: Record<string, unknown>, kinds: Map<string, ColumnKind>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const kind = kinds.get(name);
    if (kind === 'bigint' && typeof value === 'number') out[name] = String(value);
    else if (kind !== undefined && kind !== 'bigint' && typeof value === 'string') out[name] = isoDateTime(value, kind === 'instant');
    else out[name] = toJsonValue(value);
  }
  return out;
}
