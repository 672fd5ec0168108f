import type { Database } from 'better-sqlite3';
import type { ErrorRecord, ErrorRecordEntry, PipelineStatus, RunState } from '@duto/model';

export type RunStatus = PipelineStatus;

/** How many error records a pipeline keeps; older ones are dropped first. */
export const ERROR_RECORDS_KEPT = 10_000;

/**
 * What running pipelines leave behind: the wanted state and start parameters (so a
 * restart of Duto resumes them), committed origin positions, and error records.
 */
export class RunStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  setDesired(pipelineId: string, desired: 'RUNNING' | 'STOPPED', parameters?: Record<string, string>): void {
    this.db
      .prepare(`UPDATE pipeline_runs SET desired = ?, parameters = coalesce(?, parameters) WHERE pipeline_id = ?`)
      .run(desired, parameters ? JSON.stringify(parameters) : null, pipelineId);
  }

  wanted(): Array<{ pipelineId: string; parameters: Record<string, string> }> {
    const rows = this.db.prepare(`SELECT pipeline_id, parameters FROM pipeline_runs WHERE desired = 'RUNNING'`).all() as Array<{
      pipeline_id: string;
      parameters: string | null;
    }>;
    return rows.map((r) => ({ pipelineId: r.pipeline_id, parameters: r.parameters ? JSON.parse(r.parameters) : {} }));
  }

  desired(pipelineId: string): { desired: 'RUNNING' | 'STOPPED'; parameters: Record<string, string> } | undefined {
    const row = this.db.prepare(`SELECT desired, parameters FROM pipeline_runs WHERE pipeline_id = ?`).get(pipelineId) as
      | { desired: 'RUNNING' | 'STOPPED'; parameters: string | null }
      | undefined;
    return row && { desired: row.desired, parameters: row.parameters ? JSON.parse(row.parameters) : {} };
  }

  status(pipelineId: string): RunStatus | undefined {
    const row = this.db.prepare(`SELECT state, since, error FROM pipeline_runs WHERE pipeline_id = ?`).get(pipelineId) as
      | { state: RunState; since: string; error: string | null }
      | undefined;
    if (!row) return undefined;
    return row.error === null ? { state: row.state, since: row.since } : { state: row.state, since: row.since, error: row.error };
  }

  setState(pipelineId: string, state: RunState, error?: string): void {
    this.db
      .prepare(`UPDATE pipeline_runs SET state = ?, since = ?, error = ? WHERE pipeline_id = ?`)
      .run(state, this.now().toISOString(), error ?? null, pipelineId);
  }

  /**
   * At start-up no runner exists yet: a state left STARTING, RUNNING or STOPPING by a
   * server that died is not true any more.
   */
  resetStaleStates(): void {
    this.db
      .prepare(`UPDATE pipeline_runs SET state = 'STOPPED', since = ?, error = NULL WHERE state IN ('STARTING', 'RUNNING', 'STOPPING')`)
      .run(this.now().toISOString());
  }

  readOffset(pipelineId: string, stageId: string): string | undefined {
    const row = this.db.prepare(`SELECT position FROM stage_offsets WHERE pipeline_id = ? AND stage_id = ?`).get(pipelineId, stageId) as
      | { position: string }
      | undefined;
    return row?.position;
  }

  commitOffset(pipelineId: string, stageId: string, position: string): void {
    this.db
      .prepare(
        `INSERT INTO stage_offsets (pipeline_id, stage_id, position, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (pipeline_id, stage_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      )
      .run(pipelineId, stageId, position, this.now().toISOString());
  }

  addErrors(pipelineId: string, errors: ErrorRecord[]): void {
    const insert = this.db.prepare(`INSERT INTO error_records (pipeline_id, stage_id, at, reason, record) VALUES (?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const e of errors) insert.run(pipelineId, e.stageId, e.at, e.reason, JSON.stringify(e.record));
      this.db
        .prepare(
          `DELETE FROM error_records WHERE pipeline_id = ? AND id <= (
             SELECT id FROM error_records WHERE pipeline_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        )
        .run(pipelineId, pipelineId, ERROR_RECORDS_KEPT);
    })();
  }

  errors(pipelineId: string, options: { limit: number; stageId?: string }): ErrorRecordEntry[] {
    const rows = this.db
      .prepare(
        `SELECT id, stage_id, at, reason, record FROM error_records
         WHERE pipeline_id = ? AND (? IS NULL OR stage_id = ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(pipelineId, options.stageId ?? null, options.stageId ?? null, options.limit) as ErrorRow[];
    return rows.map(toEntry);
  }

  /** Error records oldest first, a page at a time: those after `afterId` (0 for the first page). */
  errorsAfter(pipelineId: string, options: { afterId: number; limit: number; stageId?: string }): ErrorRecordEntry[] {
    const rows = this.db
      .prepare(
        `SELECT id, stage_id, at, reason, record FROM error_records
         WHERE pipeline_id = ? AND id > ? AND (? IS NULL OR stage_id = ?) ORDER BY id LIMIT ?`,
      )
      .all(pipelineId, options.afterId, options.stageId ?? null, options.stageId ?? null, options.limit) as ErrorRow[];
    return rows.map(toEntry);
  }

  /** The pipeline's error records with these ids, oldest first; ids not found are left out. */
  errorsByIds(pipelineId: string, ids: number[]): ErrorRecordEntry[] {
    const select = this.db.prepare(`SELECT id, stage_id, at, reason, record FROM error_records WHERE pipeline_id = ? AND id = ?`);
    const rows = [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => (select.get(pipelineId, id) as ErrorRow | undefined) ?? []);
    return rows.map(toEntry);
  }

  /** Deletes the pipeline's error records with these ids, or all of them; answers how many went. */
  deleteErrors(pipelineId: string, ids?: number[]): number {
    if (ids === undefined) return this.db.prepare(`DELETE FROM error_records WHERE pipeline_id = ?`).run(pipelineId).changes;
    const remove = this.db.prepare(`DELETE FROM error_records WHERE pipeline_id = ? AND id = ?`);
    return this.db.transaction(() => ids.reduce((n, id) => n + remove.run(pipelineId, id).changes, 0))();
  }
}

interface ErrorRow {
  id: number;
  stage_id: string;
  at: string;
  reason: string;
  record: string;
}

function toEntry(row: ErrorRow): ErrorRecordEntry {
  return { id: row.id, stageId: row.stage_id, at: row.at, reason: row.reason, record: JSON.parse(row.record) };
}
