import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client';
import { buildDesignerCatalog, type DesignerCatalog } from './stage-catalog';

let cached: Promise<DesignerCatalog> | undefined;

/** Fetches the stage catalog once per page load; a failed fetch is retried on the next use. */
export function loadCatalog(): Promise<DesignerCatalog> {
  cached ??= api.stages().then(buildDesignerCatalog, (error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function useCatalog(): { catalog?: DesignerCatalog; problem?: string } {
  const [state, setState] = useState<{ catalog?: DesignerCatalog; problem?: string }>({});
  useEffect(() => {
    let live = true;
    loadCatalog().then(
      (catalog) => live && setState({ catalog }),
      (error: unknown) => live && setState({ problem: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
