import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { canonicalPipelineJson, type PipelineDocument, type PipelineSummary, type PipelineVersionSummary, type RunState } from '@duto/model';

export interface StoredPipeline {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  state: RunState;
  document: PipelineDocument;
}

export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(`the pipeline has changed since version ${current}`);
  }
}

export class PipelineRunningError extends Error {}

/** Rewrites a document as it is stored, in the same transaction (secrets move out of it). */
export type DocumentSealer = (pipelineId: string, document: PipelineDocument) => PipelineDocument;

interface PipelineRow {
  id: string;
  name: string;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  state: RunState;
}

/**
 * Pipelines and every saved version of each. A save adds a version; nothing is
 * overwritten. Documents are stored as canonical JSON, so a stored version exports
 * byte-for-byte as it was saved.
 */
export class PipelineStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
    private readonly seal: DocumentSealer = (_id, document) => document,
  ) {}

  list(): PipelineSummary[] {
    const rows = this.db
      .prepare(
        `SELECT p.*, r.state FROM pipelines p JOIN pipeline_runs r ON r.pipeline_id = p.id ORDER BY p.updated_at DESC, p.id`,
      )
      .all() as PipelineRow[];
    return rows.map(toSummary);
  }

  create(document: PipelineDocument): { id: string; version: number } {
    const id = newPipelineId(document.name);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO pipelines (id, name, description, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`)
        .run(id, document.name, document.description ?? null, at, at);
      this.insertVersion(id, 1, this.seal(id, document), at);
      this.db.prepare(`INSERT INTO pipeline_runs (pipeline_id, state, since) VALUES (?, 'STOPPED', ?)`).run(id, at);
    })();
    return { id, version: 1 };
  }

  get(id: string): StoredPipeline | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    return { ...toSummary(row), document: this.documentAt(id, row.version)! };
  }

  /** Stores a new version; with `expectedVersion`, refuses when someone saved in between. */
  update(id: string, document: PipelineDocument, expectedVersion?: number): { id: string; version: number } | undefined {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (!row) return undefined;
      if (expectedVersion !== undefined && expectedVersion !== row.version) throw new StaleVersionError(row.version);
      const version = row.version + 1;
      const at = this.now().toISOString();
      this.insertVersion(id, version, this.seal(id, document), at);
      this.db
        .prepare(`UPDATE pipelines SET name = ?, description = ?, version = ?, updated_at = ? WHERE id = ?`)
        .run(document.name, document.description ?? null, version, at, id);
      return { id, version };
    })();
  }

  /** Removes a pipeline and its versions; refused while it runs. */
  delete(id: string): boolean {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (!row) return false;
      if (row.state !== 'STOPPED' && row.state !== 'FAILED') {
        throw new PipelineRunningError(`pipeline ${id} is ${row.state}; stop it before deleting it`);
      }
      this.db.prepare(`DELETE FROM pipelines WHERE id = ?`).run(id);
      return true;
    })();
  }

  versions(id: string): PipelineVersionSummary[] | undefined {
    if (!this.row(id)) return undefined;
    const rows = this.db
      .prepare(`SELECT version, document, created_at FROM pipeline_versions WHERE pipeline_id = ? ORDER BY version DESC`)
      .all(id) as Array<{ version: number; document: string; created_at: string }>;
    return rows.map((r) => ({ version: r.version, name: (JSON.parse(r.document) as PipelineDocument).name, createdAt: r.created_at }));
  }

  documentAt(id: string, version: number): PipelineDocument | undefined {
    const row = this.db
      .prepare(`SELECT document FROM pipeline_versions WHERE pipeline_id = ? AND version = ?`)
      .get(id, version) as { document: string } | undefined;
    return row ? (JSON.parse(row.document) as PipelineDocument) : undefined;
  }

  private row(id: string): PipelineRow | undefined {
    return this.db
      .prepare(`SELECT p.*, r.state FROM pipelines p JOIN pipeline_runs r ON r.pipeline_id = p.id WHERE p.id = ?`)
      .get(id) as PipelineRow | undefined;
  }

  private insertVersion(id: string, version: number, document: PipelineDocument, at: string): void {
    this.db
      .prepare(`INSERT INTO pipeline_versions (pipeline_id, version, document, created_at) VALUES (?, ?, ?, ?)`)
      .run(id, version, canonicalPipelineJson(document), at);
  }
}

function toSummary(row: PipelineRow): PipelineSummary & Omit<StoredPipeline, 'document'> {
  return {
    id: row.id,
    name: row.name,
    ...(row.description === null ? {} : { description: row.description }),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    state: row.state,
  };
}

/** Readable in a URL: the name's slug plus a random suffix, e.g. iot-sensors-to-kafka-4f2a9c. */
function newPipelineId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = randomBytes(3).toString('hex');
  return slug ? `${slug}-${suffix}` : `pipeline-${suffix}`;
}
