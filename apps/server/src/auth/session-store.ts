import type { Database } from 'better-sqlite3';
import { credentialHash, newCredential } from './credential-hash';

export interface SessionLifetimes {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after login, however busy. */
  maxMs: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = { idleMs: 12 * 60 * 60 * 1000, maxMs: 7 * 24 * 60 * 60 * 1000 };

interface SessionRow {
  id_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
}

/**
 * Login sessions in SQLite, keyed by the hash of the cookie value (the value itself is
 * never stored). Use is recorded at most every `idleMs / 20` (and at least every minute),
 * so that busy clients do not cost a durable write per request.
 */
export class SessionStore {
  private readonly touchEveryMs: number;

  constructor(
    private readonly db: Database,
    private readonly lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
    private readonly now: () => number = Date.now,
  ) {
    this.touchEveryMs = Math.min(60_000, lifetimes.idleMs / 20);
  }

  /** A new session: the cookie value, and the hash it is known by. */
  create(userId: number): { token: string; sessionHash: string } {
    const token = newCredential();
    const sessionHash = credentialHash(token);
    const at = this.now();
    this.db.prepare(`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)`).run(sessionHash, userId, at, at);
    this.prune(at);
    return { token, sessionHash };
  }

  /** The session's user, or undefined when the session is unknown or has expired (it is then removed). */
  use(token: string): { userId: number; sessionHash: string } | undefined {
    const idHash = credentialHash(token);
    const row = this.db.prepare(`SELECT * FROM sessions WHERE id_hash = ?`).get(idHash) as SessionRow | undefined;
    if (!row) return undefined;
    const at = this.now();
    if (at - row.last_seen_at > this.lifetimes.idleMs || at - row.created_at > this.lifetimes.maxMs) {
      this.db.prepare(`DELETE FROM sessions WHERE id_hash = ?`).run(idHash);
      return undefined;
    }
    if (at - row.last_seen_at >= this.touchEveryMs) this.db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`).run(at, idHash);
    return { userId: row.user_id, sessionHash: idHash };
  }

  delete(sessionHash: string): void {
    this.db.prepare(`DELETE FROM sessions WHERE id_hash = ?`).run(sessionHash);
  }

  /** Ends a user's sessions (after a password change), but the one given. */
  deleteForUser(userId: number, keepSessionHash?: string): void {
    this.db.prepare(`DELETE FROM sessions WHERE user_id = ? AND id_hash IS NOT ?`).run(userId, keepSessionHash ?? null);
  }

  private prune(at: number): void {
    this.db.prepare(`DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`).run(at - this.lifetimes.idleMs, at - this.lifetimes.maxMs);
  }
}
