import type { Database } from 'better-sqlite3';
import type { SecretSummary } from '@duto/model';
import type { SecretCipher } from './cipher';

interface SecretRow {
  name: string;
  sealed: Buffer;
  pipeline_id: string | null;
  updated_at: string;
}

/** Named secrets, sealed at rest; values leave only through `value()`, for runners. */
export class SecretStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: SecretCipher,
  ) {}

  list(): SecretSummary[] {
    const rows = this.db.prepare(`SELECT name, pipeline_id, updated_at FROM secrets ORDER BY name`).all() as SecretRow[];
    return rows.map((r) => ({ name: r.name, updatedAt: r.updated_at, ...(r.pipeline_id === null ? {} : { pipelineId: r.pipeline_id }) }));
  }

  has(name: string): boolean {
    return this.db.prepare(`SELECT 1 FROM secrets WHERE name = ?`).get(name) !== undefined;
  }

  /** The pipeline a secret belongs to; null for a secret set by a user, undefined when there is no such secret. */
  owner(name: string): string | null | undefined {
    const row = this.db.prepare(`SELECT pipeline_id FROM secrets WHERE name = ?`).get(name) as Pick<SecretRow, 'pipeline_id'> | undefined;
    return row?.pipeline_id;
  }

  /**
   * Creates or replaces a value. `pipelineId` marks a value moved out of that pipeline's
   * stage config (deleted with the pipeline); a secret set by a user keeps no owner.
   */
  put(name: string, value: string, pipelineId?: string): 'created' | 'updated' {
    const existed = this.has(name);
    this.db
      .prepare(
        `INSERT INTO secrets (name, sealed, pipeline_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, pipeline_id = excluded.pipeline_id, updated_at = excluded.updated_at`,
      )
      .run(name, this.cipher.seal(name, value), pipelineId ?? null, new Date().toISOString());
    return existed ? 'updated' : 'created';
  }

  value(name: string): string | undefined {
    const row = this.db.prepare(`SELECT sealed FROM secrets WHERE name = ?`).get(name) as Pick<SecretRow, 'sealed'> | undefined;
    return row && this.cipher.open(name, row.sealed);
  }

  delete(name: string): boolean {
    return this.db.prepare(`DELETE FROM secrets WHERE name = ?`).run(name).changes === 1;
  }
}
