import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorRecordEntry } from '@duto/model';
import { api, describeError } from '../api/client';
import { useLiveMetrics } from '../live/useLive';

export const LIST_LIMIT = 500;
/** New errors arrive with the snapshots, twice a second at most: the list follows at this pace. */
const REFRESH_MS = 2000;

/**
 * The newest error records of a pipeline (of one stage, when given), reloaded when the
 * live error total moves, at most every few seconds.
 */
export function useErrorRecords(pipelineId: string, stageId: string | undefined) {
  const [records, setRecords] = useState<ErrorRecordEntry[]>();
  const [problem, setProblem] = useState<string>();
  const errorTotal = useLiveMetrics(pipelineId, (snapshot) => snapshot?.totals.errors);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const list = await api.errorRecords(pipelineId, stageId === undefined ? { limit: LIST_LIMIT } : { stageId, limit: LIST_LIMIT });
      if (mine !== request.current) return;
      setRecords(list);
      setProblem(undefined);
    } catch (error) {
      if (mine === request.current) setProblem(describeError(error));
    }
  }, [pipelineId, stageId]);

  const lastRefresh = useRef(0);
  useEffect(() => {
    setRecords(undefined);
    lastRefresh.current = Date.now();
    void reload();
  }, [reload]);

  useEffect(() => {
    if (errorTotal === undefined) return;
    const wait = Math.max(0, lastRefresh.current + REFRESH_MS - Date.now());
    const timer = setTimeout(() => {
      lastRefresh.current = Date.now();
      void reload();
    }, wait);
    return () => clearTimeout(timer);
  }, [errorTotal, reload]);

  return { records, problem, reload };
}
