import type { Database } from 'better-sqlite3';
import type { Role, UserSummary } from '@duto/model';

export interface StoredUser extends UserSummary {
  passwordHash: string;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  created_at: string;
}

export class LastAdminError extends Error {
  constructor() {
    super('Duto needs at least one admin: make another user admin first');
  }
}

/** Users with their argon2id password hashes; usernames are unique without regard to case. */
export class UserStore {
  constructor(private readonly db: Database) {}

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM users`).get() as { n: number }).n;
  }

  list(): UserSummary[] {
    return (this.db.prepare(`SELECT * FROM users ORDER BY username`).all() as UserRow[]).map((row) => summary(toUser(row)));
  }

  byId(id: number): StoredUser | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  byName(username: string): StoredUser | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE username = ?`).get(username) as UserRow | undefined;
    return row && toUser(row);
  }

  /** Undefined when the name is taken. */
  create(username: string, passwordHash: string, role: Role): UserSummary | undefined {
    const createdAt = new Date().toISOString();
    const result = this.db
      .prepare(`INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`)
      .run(username, passwordHash, role, createdAt);
    return result.changes === 0 ? undefined : { id: Number(result.lastInsertRowid), username, role, createdAt };
  }

  /** Refuses to take the admin role from the last admin. */
  setRole(id: number, role: Role): UserSummary | undefined {
    return this.db.transaction(() => {
      const user = this.byId(id);
      if (!user) return undefined;
      if (user.role === 'admin' && role !== 'admin' && this.adminCount() === 1) throw new LastAdminError();
      this.db.prepare(`UPDATE users SET role = ? WHERE id = ?`).run(role, id);
      return summary({ ...user, role });
    })();
  }

  setPasswordHash(id: number, passwordHash: string): boolean {
    return this.db.prepare(`UPDATE users SET password_hash = ? WHERE id = ?`).run(passwordHash, id).changes === 1;
  }

  /** Removes the user with their sessions and tokens; refuses to remove the last admin. */
  delete(id: number): UserSummary | undefined {
    return this.db.transaction(() => {
      const user = this.byId(id);
      if (!user) return undefined;
      if (user.role === 'admin' && this.adminCount() === 1) throw new LastAdminError();
      this.db.prepare(`DELETE FROM users WHERE id = ?`).run(id);
      return summary(user);
    })();
  }

  private adminCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin'`).get() as { n: number }).n;
  }
}

function toUser(row: UserRow): StoredUser {
  return { id: row.id, username: row.username, role: row.role, createdAt: row.created_at, passwordHash: row.password_hash };
}

function summary({ id, username, role, createdAt }: StoredUser): UserSummary {
  return { id, username, role, createdAt };
}
