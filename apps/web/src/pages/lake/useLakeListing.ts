import { useCallback, useEffect, useState } from 'react';
import type { LakeListing } from '@duto/model';
import { api, describeError } from '../../api/client';

/** One folder of the lake, loaded when the path changes; `reload` asks again (new files land all the time). */
export function useLakeListing(path: string): { listing?: LakeListing; problem?: string; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ listing?: LakeListing; problem?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    api.lakeListing(path).then(
      (listing) => live && setState({ listing, loading: false }),
      (error: unknown) => live && setState({ problem: describeError(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
