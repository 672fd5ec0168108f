import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrors, AuditPage, AuditQuery } from '@duto/model';
import type { AuditStore } from '../audit/audit-store';

/** The audit log, for admins: newest first, paged with `before`, filtered by actor, action (or prefix) and target. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditStore }> = async (app, { audit }) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: { summary: 'Who did what to which thing, when and from where.', tags: ['users'], querystring: AuditQuery, response: { 200: AuditPage, 400: ApiErrors, 401: ApiErrors, 403: ApiErrors } },
    },
    async (request) => audit.list(request.query),
  );
};
