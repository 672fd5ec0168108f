import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Alert, AlertRuleBody, ApiErrors } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import type { PipelineStore } from '../store/pipeline-store';
import { ALERTS_PER_PIPELINE, type AlertStore } from '../store/alert-store';
import type { AlertEvaluator } from '../alerts/alert-evaluator';
import { PipelineIdParams, pipelineNotFound } from './route-schemas';

export interface AlertRoutesOptions {
  store: PipelineStore;
  alerts: AlertStore;
  evaluator: AlertEvaluator;
}

const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), alertId: Type.String({ minLength: 1, maxLength: 100 }) });

/** Alert rules of a pipeline: thresholds on its error rate or throughput, with whether each fires now. */
export const alertRoutes: FastifyPluginAsyncTypebox<AlertRoutesOptions> = async (app, { store, alerts, evaluator }) => {
  const pipelineOr404 = (id: string) => {
    if (!store.get(id)) throw pipelineNotFound(id);
  };

  app.get(
    '/api/pipelines/:id/alerts',
    {
      config: { access: 'viewer' },
      schema: { summary: 'The alert rules of a pipeline, each with whether it fires and since when.', tags: ['alerts'], params: PipelineIdParams, response: { 200: Type.Array(Alert), 404: ApiErrors } },
    },
    async (request) => {
      pipelineOr404(request.params.id);
      return alerts.list(request.params.id).map((rule) => evaluator.view(rule));
    },
  );

  app.post(
    '/api/pipelines/:id/alerts',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Add an alert rule: error rate above, or throughput below, a threshold for some seconds.',
        tags: ['alerts'],
        params: PipelineIdParams,
        body: AlertRuleBody,
        response: { 201: Alert, 400: ApiErrors, 404: ApiErrors, 409: ApiErrors },
      },
    },
    async (request, reply) => {
      pipelineOr404(request.params.id);
      const rule = alerts.create(request.params.id, request.body);
      if (!rule) throw ApiError.single(409, ErrorCodes.limitReached, `a pipeline has at most ${ALERTS_PER_PIPELINE} alerts`);
      request.audit('alert.create', request.params.id, { alertId: rule.id, kind: rule.kind, threshold: rule.threshold });
      return reply.status(201).send(evaluator.view(rule));
    },
  );

  app.delete(
    '/api/pipelines/:id/alerts/:alertId',
    {
      config: { access: 'editor' },
      schema: { summary: 'Delete an alert rule; if it fired, a clear is pushed.', tags: ['alerts'], params: AlertParams, response: { 204: Type.Null(), 404: ApiErrors } },
    },
    async (request, reply) => {
      pipelineOr404(request.params.id);
      const rule = alerts.delete(request.params.id, request.params.alertId);
      if (!rule) throw ApiError.single(404, ErrorCodes.notFound, `no alert has the id "${request.params.alertId}"`);
      evaluator.forget(rule);
      request.audit('alert.delete', request.params.id, { alertId: rule.id });
      return reply.status(204).send(null);
    },
  );
};
