import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` holds how many ran.
 * Never edit a released migration: add the next one.
 */
export const migrations: ReadonlyArray<(db: Database) => void> = [
  (db) =>
    db.exec(`
      CREATE TABLE pipelines (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        version    INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE pipeline_versions (
        pipeline_id TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,
        document    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, version)
      );
    `),
  // Run state lives beside the pipeline so that a restart knows what was running.
  (db) =>
    db.exec(`
      CREATE TABLE pipeline_runs (
        pipeline_id TEXT PRIMARY KEY REFERENCES pipelines (id) ON DELETE CASCADE,
        state       TEXT NOT NULL CHECK (state IN ('STOPPED', 'STARTING', 'RUNNING', 'STOPPING', 'FAILED')),
        since       TEXT NOT NULL,
        error       TEXT
      );
      INSERT INTO pipeline_runs (pipeline_id, state, since) SELECT id, 'STOPPED', updated_at FROM pipelines;
      ALTER TABLE pipelines ADD COLUMN description TEXT;
    `),
  // What the runner needs to survive restarts: whether a pipeline should run, with which
  // parameters, the origins' committed positions, and the records that failed.
  (db) =>
    db.exec(`
      ALTER TABLE pipeline_runs ADD COLUMN desired TEXT NOT NULL DEFAULT 'STOPPED' CHECK (desired IN ('STOPPED', 'RUNNING'));
      ALTER TABLE pipeline_runs ADD COLUMN parameters TEXT;
      CREATE TABLE stage_offsets (
        pipeline_id TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        stage_id    TEXT NOT NULL,
        position    TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, stage_id)
      );
      CREATE TABLE error_records (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        pipeline_id TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        stage_id    TEXT NOT NULL,
        at          TEXT NOT NULL,
        reason      TEXT NOT NULL,
        record      TEXT NOT NULL
      );
      CREATE INDEX error_records_by_pipeline ON error_records (pipeline_id, id);
    `),
  // Metrics history: the per-second snapshots rolled up per 10 s and per minute. `data` is
  // the bucket as JSON (totals, stages, lag); `samples` the snapshots it holds, for the means.
  (db) =>
    db.exec(`
      CREATE TABLE metrics_buckets (
        pipeline_id  TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        resolution   TEXT NOT NULL CHECK (resolution IN ('10s', '1m')),
        bucket_start INTEGER NOT NULL,
        samples      INTEGER NOT NULL,
        data         TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, resolution, bucket_start)
      ) WITHOUT ROWID;
      CREATE INDEX metrics_buckets_by_age ON metrics_buckets (resolution, bucket_start);
    `),
  // Alert rules set by users; whether one fires is worked out from live metrics, not stored.
  (db) =>
    db.exec(`
      CREATE TABLE alerts (
        id          TEXT PRIMARY KEY,
        pipeline_id TEXT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('error-rate-above', 'throughput-below')),
        threshold   REAL NOT NULL,
        for_seconds INTEGER NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX alerts_by_pipeline ON alerts (pipeline_id);
    `),
  // Security: users, their sessions and API tokens (only hashes of the credentials are kept),
  // named secrets (AES-256-GCM sealed with the key file in $DUTO_HOME) and the audit log.
  // A secret moved out of a pipeline's stage config belongs to that pipeline and goes with it.
  (db) =>
    db.exec(`
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        created_at    TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id_hash      TEXT PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        token_hash   TEXT NOT NULL UNIQUE,
        role         TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE TABLE secrets (
        name        TEXT PRIMARY KEY,
        sealed      BLOB NOT NULL,
        pipeline_id TEXT REFERENCES pipelines (id) ON DELETE CASCADE,
        updated_at  TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        ip     TEXT NOT NULL,
        detail TEXT
      );
    `),
];

export function migrate(db: Database, upTo = migrations.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`the database is at schema version ${current}, newer than this Duto (${migrations.length}); upgrade Duto`);
  }
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      migrations[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
