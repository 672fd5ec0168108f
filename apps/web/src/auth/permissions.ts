import { ROLES, roleAtLeast, type Role } from '@duto/model';

/**
 * What the web app offers a user, by the least role the server asks for it (each route's
 * `config.access` in apps/server/src/routes). The server decides; the app only leaves out
 * the controls that would be refused, so that nobody is offered a button that answers 403.
 */
const LEAST_ROLE = {
  /** Pipelines, versions, run state, metrics, dashboards, error records, the lake. */
  watch: 'viewer',
  /** Own API tokens: any user may make them, up to their own role. */
  manageOwnTokens: 'viewer',
  /** Create, import, save, rename, duplicate, delete a pipeline, restore a version, check a draft. */
  design: 'editor',
  preview: 'editor',
  /** Start and stop. */
  run: 'editor',
  /** Re-process and discard error records. */
  reprocess: 'editor',
  exportPipeline: 'editor',
  manageAlerts: 'editor',
  manageSecrets: 'editor',
  /** Users, and every user's API tokens. */
  manageUsers: 'admin',
  readAudit: 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof LEAST_ROLE;

/** Whether a user with `role` may do `action`; nobody may do anything without a session. */
export function can(role: Role | undefined, action: Action): boolean {
  return role !== undefined && roleAtLeast(role, LEAST_ROLE[action]);
}

/** The roles a user may hand out (to an API token): their own and those below it. */
export function rolesUpTo(role: Role): Role[] {
  return ROLES.filter((r) => roleAtLeast(role, r));
}
