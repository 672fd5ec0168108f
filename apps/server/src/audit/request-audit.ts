import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorName } from '../auth/principal';
import type { AuditStore } from './audit-store';

/** What the audit log records; `<thing>.<verb>`, so that a filter on "pipeline." finds every pipeline action. */
export type AuditAction =
  | 'login'
  | 'login.failed'
  | 'logout'
  | 'password.change'
  | 'token.create'
  | 'token.delete'
  | 'user.create'
  | 'user.role'
  | 'user.password'
  | 'user.delete'
  | 'secret.update'
  | 'secret.delete'
  | 'pipeline.create'
  | 'pipeline.import'
  | 'pipeline.update'
  | 'pipeline.delete'
  | 'pipeline.export'
  | 'pipeline.start'
  | 'pipeline.stop'
  | 'pipeline.reprocess'
  | 'pipeline.discard-errors'
  | 'alert.create'
  | 'alert.delete';

declare module 'fastify' {
  interface FastifyRequest {
    /** Records the action in the audit log, by the request's principal and from its address. */
    audit(action: AuditAction, target: string, detail?: Record<string, unknown>): void;
  }
}

export function installAudit(app: FastifyInstance, store: AuditStore): void {
  app.decorateRequest('audit', function audit(this: FastifyRequest, action: AuditAction, target: string, detail?: Record<string, unknown>) {
    store.record({ actor: actorName(this.principal), action, target, ip: this.ip, ...(detail === undefined ? {} : { detail }) });
  });
}
