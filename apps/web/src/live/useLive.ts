import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { MetricsSnapshot } from '@duto/model';
import type { ConnectionStatus, LiveHandlers } from './live-connection';
import { liveConnection } from './shared-connection';

/**
 * The newest metrics snapshot of a pipeline, or the part of it `select` picks. A
 * component re-renders only when its part changes, so select a number, not an object.
 */
export function useLiveMetrics<T = MetricsSnapshot | undefined>(
  pipelineId: string,
  select: (snapshot: MetricsSnapshot | undefined) => T = (snapshot) => snapshot as T,
): T {
  const connection = liveConnection();
  const subscribe = useCallback((changed: () => void) => connection.watch(pipelineId, { snapshot: changed }), [connection, pipelineId]);
  return useSyncExternalStore(subscribe, () => select(connection.latest(pipelineId)));
}

/** Calls the handlers for the pipeline's snapshots and events while the component is mounted; they may change between renders. */
export function useLiveEvents(pipelineId: string, handlers: LiveHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(
    () =>
      liveConnection().watch(pipelineId, {
        snapshot: (snapshot) => current.current.snapshot?.(snapshot),
        state: (event) => current.current.state?.(event),
        alert: (event) => current.current.alert?.(event),
      }),
    [pipelineId],
  );
}

export function useLiveStatus(): ConnectionStatus {
  const connection = liveConnection();
  return useSyncExternalStore(
    useCallback((changed: () => void) => connection.onStatus(changed), [connection]),
    () => connection.status(),
  );
}
