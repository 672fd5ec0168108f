import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/client';

/** What `load` answers, loaded on mount, whenever `load` changes and on `reload()`, or why it could not be. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<string>();
  // Only the newest call may set the result: an older answer arriving late would show the wrong page.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    try {
      const loaded = await load();
      if (call !== latest.current) return;
      setData(loaded);
      setProblem(undefined);
    } catch (error) {
      if (call === latest.current) setProblem(describeError(error));
    }
  }, [load]);

  useEffect(() => void reload(), [reload]);
  return { data, problem, reload };
}
