import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { lowerRole, type Role, type TokenCreated, type TokenSummary } from '@duto/model';
import { credentialHash, newCredential } from './credential-hash';

/** API tokens start with this, so that secret scanners and people recognise them. */
export const TOKEN_PREFIX = 'duto_';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  owner: string;
  owner_role: Role;
}

export interface TokenUse {
  tokenId: string;
  tokenName: string;
  userId: number;
  username: string;
  /** The token's role, capped by its owner's role now. */
  role: Role;
}

const SELECT = `SELECT t.*, u.username AS owner, u.role AS owner_role FROM api_tokens t JOIN users u ON u.id = t.user_id`;

/** API tokens for scripts and CI; only the hash of each is kept. */
export class TokenStore {
  constructor(
    private readonly db: Database,
    private readonly touchEveryMs = 60_000,
  ) {}

  create(userId: number, name: string, role: Role): TokenCreated {
    const token = TOKEN_PREFIX + newCredential();
    const id = randomUUID();
    const createdAt = new Date().toISOString();
    this.db
      .prepare(`INSERT INTO api_tokens (id, name, token_hash, role, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(id, name, credentialHash(token), role, userId, createdAt);
    return { ...this.summary(id)!, token };
  }

  /** Every token, or only those of one user. */
  list(userId?: number): TokenSummary[] {
    const rows = this.db.prepare(`${SELECT} WHERE ? IS NULL OR t.user_id = ? ORDER BY t.created_at, t.id`).all(userId ?? null, userId ?? null) as TokenRow[];
    return rows.map(toSummary);
  }

  summary(id: string): (TokenSummary & { userId: number }) | undefined {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TokenRow | undefined;
    return row && { ...toSummary(row), userId: row.user_id };
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM api_tokens WHERE id = ?`).run(id).changes === 1;
  }

  use(token: string): TokenUse | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const row = this.db.prepare(`${SELECT} WHERE t.token_hash = ?`).get(credentialHash(token)) as TokenRow | undefined;
    if (!row) return undefined;
    const now = Date.now();
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= this.touchEveryMs) {
      this.db.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(new Date(now).toISOString(), row.id);
    }
    return { tokenId: row.id, tokenName: row.name, userId: row.user_id, username: row.owner, role: lowerRole(row.role, row.owner_role) };
  }
}

function toSummary(row: TokenRow): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    owner: row.owner,
    createdAt: row.created_at,
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
  };
}
