import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditPage, AuditQuery } from '@duto/model';

/** The audit log keeps this many entries; older ones are dropped first. */
export const AUDIT_ENTRIES_KEPT = 100_000;
const PRUNE_EVERY = 1000;

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  ip: string;
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Who did what to which thing, when and from where: append-only, newest first when read. */
export class AuditStore {
  private sincePrune = 0;

  constructor(private readonly db: Database) {}

  record(entry: NewAuditEntry): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, actor, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(new Date().toISOString(), entry.actor, entry.action, entry.target, entry.ip, entry.detail === undefined ? null : JSON.stringify(entry.detail));
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.db.prepare(`DELETE FROM audit_log WHERE id <= (SELECT max(id) FROM audit_log) - ?`).run(AUDIT_ENTRIES_KEPT);
    }
  }

  /** A page of entries, newest first; `action` ending in "." matches every action under it. */
  list({ limit = 100, before, actor, action, target }: AuditQuery): AuditPage {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (before !== undefined) add('id < ?', before);
    if (actor !== undefined) add('actor = ?', actor);
    if (target !== undefined) add('target = ?', target);
    if (action?.endsWith('.')) add('substr(action, 1, ?) = ?', action.length, action);
    else if (action !== undefined) add('action = ?', action);
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
      .all(...params, limit + 1) as AuditRow[];
    const entries = rows.slice(0, limit).map(toEntry);
    return rows.length > limit ? { entries, nextBefore: entries.at(-1)!.id } : { entries };
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    ip: row.ip,
    ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) as Record<string, unknown> }),
  };
}
