import type { RecordFailure, StageLogger } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { columnValue } from './column-values';
import type { TableColumn } from './table-columns';

const MAX_REPORTED_FIELDS = 1000;

/** A record as one row: the columns it sets (in table order) and their values. */
export interface RowToWrite {
  record: DutoRecord;
  columns: string[];
  values: unknown[];
}

/**
 * Maps a record's top-level fields to the table's columns of the same name (exactly, else
 * ignoring case when that is unambiguous). Fields without a column are left out, and named
 * in the log the first time each is seen.
 */
export class RecordRows {
  private readonly exact: Map<string, TableColumn>;
  private readonly folded = new Map<string, TableColumn | 'ambiguous'>();
  private readonly reportedFields = new Set<string>();
  private readonly keys: TableColumn[];

  constructor(
    private readonly table: string,
    private readonly columns: TableColumn[],
    keyColumns: string[],
    private readonly logger: StageLogger,
  ) {
    this.exact = new Map(columns.map((c) => [c.name, c]));
    for (const column of columns) {
      const lower = column.name.toLowerCase();
      this.folded.set(lower, this.folded.has(lower) ? 'ambiguous' : column);
    }
    this.keys = keyColumns.map((name) => {
      const column = this.column(name);
      if (!column) throw new Error(`key column "${name}" is not a column of ${table} (columns: ${columns.map((c) => c.name).join(', ')})`);
      return column;
    });
  }

  /** The key columns as the table spells them. */
  get keyColumns(): string[] {
    return this.keys.map((k) => k.name);
  }

  toRow(record: DutoRecord): RowToWrite | RecordFailure {
    const values = new Map<TableColumn, unknown>();
    const ignored: string[] = [];
    const fields = Object.entries(record.value);
    // Exact names first, so that a field matching a column only by case never overrides one that matches exactly.
    for (const [field, value] of fields) {
      const column = this.exact.get(field);
      if (column) values.set(column, columnValue(value, column.kind));
    }
    for (const [field, value] of fields) {
      if (this.exact.has(field)) continue;
      const column = this.column(field);
      if (column && !values.has(column)) values.set(column, columnValue(value, column.kind));
      else ignored.push(field);
    }
    this.reportIgnored(ignored);
    const missingKey = this.keys.find((key) => values.get(key) === undefined || values.get(key) === null);
    if (missingKey) return { record, reason: `upsert needs a value for key column "${missingKey.name}"` };
    if (values.size === 0) return { record, reason: `none of the record's fields is a column of ${this.table}` };
    const present = this.columns.filter((c) => values.has(c));
    return { record, columns: present.map((c) => c.name), values: present.map((c) => values.get(c)) };
  }

  private column(name: string): TableColumn | undefined {
    const column = this.exact.get(name) ?? this.folded.get(name.toLowerCase());
    return column === 'ambiguous' ? undefined : column;
  }

  private reportIgnored(fields: string[]): void {
    // Records with ever-new field names (ids as keys) must not grow this set without end.
    if (this.reportedFields.size >= MAX_REPORTED_FIELDS) return;
    const fresh = fields.filter((f) => !this.reportedFields.has(f));
    if (fresh.length === 0) return;
    for (const field of fresh) this.reportedFields.add(field);
    this.logger.warn(`record fields without a column in ${this.table} are not written: ${fresh.join(', ')}`, { fields: fresh });
  }
}
