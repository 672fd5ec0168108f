import { useSyncExternalStore } from 'react';
import type { SeriesPoint } from './series';
import type { SeriesStore } from './series-store';

/** The series' points; the calling chart re-renders when a point arrives, nothing else does. */
export function useSeriesPoints(store: SeriesStore): readonly SeriesPoint[] {
  return useSyncExternalStore(store.subscribe, store.points);
}
