import { useCallback, useEffect, useState } from 'react';
import type { Alert, AlertRuleBody } from '@duto/model';
import { api, describeError } from '../api/client';
import { useLiveEvents } from '../live/useLive';

/** A pipeline's alert rules: loaded once, kept current by the live alert events. */
export function useAlerts(pipelineId: string) {
  const [alerts, setAlerts] = useState<Alert[]>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    api.alerts(pipelineId).then(
      (list) => live && setAlerts(list),
      (error: unknown) => live && setProblem(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [pipelineId]);

  // Only rules already listed are updated: deleting a firing rule pushes its clear, which must not bring it back.
  useLiveEvents(pipelineId, {
    alert: ({ alert }) => setAlerts((list) => list?.map((a) => (a.id === alert.id ? alert : a))),
  });

  const create = useCallback(
    async (rule: AlertRuleBody) => {
      const created = await api.createAlert(pipelineId, rule);
      setAlerts((list) => [...(list ?? []), created]);
    },
    [pipelineId],
  );

  const remove = useCallback(
    async (alertId: string) => {
      await api.deleteAlert(pipelineId, alertId);
      setAlerts((list) => list?.filter((a) => a.id !== alertId));
    },
    [pipelineId],
  );

  return { alerts, problem, create, remove };
}

/** "Errors above 5/s for 60 s", "Throughput below 100 records/s for 30 s". */
export function describeAlert(alert: Pick<Alert, 'kind' | 'threshold' | 'forSeconds'>): string {
  const what = alert.kind === 'error-rate-above' ? `Errors above ${alert.threshold}/s` : `Throughput below ${alert.threshold} records/s`;
  return `${what} for ${alert.forSeconds} s`;
}
