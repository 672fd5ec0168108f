import { useEffect, useRef } from 'react';
import { api, describeError } from '../api/client';
import { useLiveEvents, useLiveStatus } from '../live/useLive';
import { useRunStore } from './run-store';

/**
 * Keeps the run state of the open pipeline current from the live connection: state
 * events as they happen, and the state each snapshot carries, which also covers a
 * change missed while the connection was down. The status is asked once on open and
 * again whenever a snapshot disagrees with it (an event carries `since`, a snapshot not).
 */
export function useRunLive(pipelineId: string, onProblem: (message: string | undefined) => void): void {
  const connection = useLiveStatus();
  const asking = useRef(false);

  useEffect(() => {
    useRunStore.getState().reset();
    let live = true;
    api.status(pipelineId).then(
      (status) => live && useRunStore.getState().setStatus(status),
      (error: unknown) => live && onProblem(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [pipelineId, onProblem]);

  useLiveEvents(pipelineId, {
    state: ({ state, since, error }) => {
      const status = { state, since: since ?? new Date().toISOString(), ...(error === undefined ? {} : { error }) };
      useRunStore.getState().setStatus(status);
    },
    snapshot: (snapshot) => {
      if (snapshot.state === useRunStore.getState().status?.state || asking.current) return;
      asking.current = true;
      api
        .status(pipelineId)
        .then((status) => useRunStore.getState().setStatus(status), (error: unknown) => onProblem(describeError(error)))
        .finally(() => (asking.current = false));
    },
  });

  useEffect(() => {
    onProblem(connection === 'reconnecting' ? 'live updates are interrupted; reconnecting…' : undefined);
  }, [connection, onProblem]);
}
