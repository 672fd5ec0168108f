import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Alert, AlertKind, AlertRuleBody } from '@duto/model';

/** An alert as stored: the rule without its live firing state. */
export type AlertRule = Omit<Alert, 'firing' | 'since'>;

/** A pipeline keeps at most this many alert rules. */
export const ALERTS_PER_PIPELINE = 100;

interface AlertRow {
  id: string;
  pipeline_id: string;
  kind: AlertKind;
  threshold: number;
  for_seconds: number;
  created_at: string;
}

export class AlertStore {
  constructor(private readonly db: Database) {}

  list(pipelineId: string): AlertRule[] {
    const rows = this.db.prepare(`SELECT * FROM alerts WHERE pipeline_id = ? ORDER BY created_at, id`).all(pipelineId) as AlertRow[];
    return rows.map(toRule);
  }

  /** Undefined when the pipeline has ALERTS_PER_PIPELINE rules already. */
  create(pipelineId: string, body: AlertRuleBody): AlertRule | undefined {
    return this.db.transaction(() => {
      const { n } = this.db.prepare(`SELECT count(*) AS n FROM alerts WHERE pipeline_id = ?`).get(pipelineId) as { n: number };
      if (n >= ALERTS_PER_PIPELINE) return undefined;
      const rule: AlertRule = { id: randomUUID(), pipelineId, ...body, createdAt: new Date().toISOString() };
      this.db
        .prepare(`INSERT INTO alerts (id, pipeline_id, kind, threshold, for_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(rule.id, pipelineId, rule.kind, rule.threshold, rule.forSeconds, rule.createdAt);
      return rule;
    })();
  }

  delete(pipelineId: string, alertId: string): AlertRule | undefined {
    const row = this.db.prepare(`DELETE FROM alerts WHERE pipeline_id = ? AND id = ? RETURNING *`).get(pipelineId, alertId) as AlertRow | undefined;
    return row && toRule(row);
  }
}

function toRule(row: AlertRow): AlertRule {
  return { id: row.id, pipelineId: row.pipeline_id, kind: row.kind, threshold: row.threshold, forSeconds: row.for_seconds, createdAt: row.created_at };
}
