import Type, { type Static } from 'typebox';
import { SECRET_NAME_PATTERN } from './stage-definition';

/**
 * Shapes of the users, sessions, API tokens, secrets and audit routes, shared by the server
 * (route schemas, OpenAPI) and the web client (types).
 */

/** viewer watches; editor designs, previews, runs and re-processes; admin also manages users. */
export const Role = Type.Enum(['viewer', 'editor', 'admin']);
export type Role = Static<typeof Role>;

export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$';
export const PASSWORD_MIN_LENGTH = 8;

const Username = Type.String({ pattern: USERNAME_PATTERN, description: 'Letters, digits and . _ @ -; compared without case.' });
const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 1024, description: `At least ${PASSWORD_MIN_LENGTH} characters.` });

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  username: Type.String(),
  role: Role,
  via: Type.Enum(['session', 'token'], { description: 'How this request was authenticated.' }),
});
export type Me = Static<typeof Me>;

export const PasswordChangeBody = Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: NewPassword }, { additionalProperties: false });
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

/* ── API tokens ───────────────────────────────────────────────────────────────────── */

export const TokenCreateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), role: Role },
  { additionalProperties: false },
);
export type TokenCreateBody = Static<typeof TokenCreateBody>;

export const TokenSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  owner: Type.String({ description: 'The user who created it; the token never acts above their current role.' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type TokenSummary = Static<typeof TokenSummary>;

export const TokenCreated = Type.Object({
  ...TokenSummary.properties,
  token: Type.String({ description: 'Send as Authorization: Bearer <token>. Shown this once; only its hash is kept.' }),
});
export type TokenCreated = Static<typeof TokenCreated>;

/* ── Users ────────────────────────────────────────────────────────────────────────── */

export const UserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
});
export type UserSummary = Static<typeof UserSummary>;

export const UserCreateBody = Type.Object({ username: Username, password: NewPassword, role: Role }, { additionalProperties: false });
export type UserCreateBody = Static<typeof UserCreateBody>;

export const UserRoleBody = Type.Object({ role: Role }, { additionalProperties: false });
export type UserRoleBody = Static<typeof UserRoleBody>;

export const PasswordResetBody = Type.Object({ password: NewPassword }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

/* ── Named secrets ────────────────────────────────────────────────────────────────── */

export const SecretName = Type.String({ pattern: SECRET_NAME_PATTERN, description: 'Letters, digits and . _ -, at most 100.' });

export const SecretSummary = Type.Object({
  name: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  pipelineId: Type.Optional(Type.String({ description: 'Set for a value moved out of this pipeline\'s stage config; deleted with the pipeline.' })),
});
export type SecretSummary = Static<typeof SecretSummary>;

export const SecretValueBody = Type.Object({ value: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false });
export type SecretValueBody = Static<typeof SecretValueBody>;

/* ── Audit log ────────────────────────────────────────────────────────────────────── */

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'The user, or "token:<name> (<user>)", or the username tried at a failed login.' }),
  action: Type.String({ description: 'e.g. pipeline.create, pipeline.start, login.failed, token.create, secret.update, user.delete.' }),
  target: Type.String(),
  ip: Type.String(),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries older than this id (the next page).' })),
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'An action, or a prefix ending in "." (e.g. "pipeline.").' })),
  target: Type.Optional(Type.String({ maxLength: 300 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry, { description: 'Newest first.' }),
  nextBefore: Type.Optional(Type.Integer({ description: 'Pass as `before` for the next page; absent on the last one.' })),
});
export type AuditPage = Static<typeof AuditPage>;
