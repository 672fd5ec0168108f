import { useCallback, useEffect, useState } from 'react';
import type { PipelineSummary } from '@duto/model';
import { api, describeError } from '../../api/client';

const REFRESH_MS = 5000;

/** The stored pipelines, refreshed now and then so that run states stay current. */
export function usePipelineList() {
  const [pipelines, setPipelines] = useState<PipelineSummary[]>();
  const [loadProblem, setLoadProblem] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setPipelines(await api.listPipelines());
      setLoadProblem(undefined);
    } catch (error) {
      setLoadProblem(describeError(error));
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => document.visibilityState === 'visible' && void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return { pipelines, loadProblem, reload };
}
