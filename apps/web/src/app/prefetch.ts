import { useEffect, useState, type ComponentType } from 'react';

type DesignerModule = typeof import('../pages/designer/DesignerPage');

/**
 * The designer's code is a chunk of its own, fetched when the browser is idle on the
 * pipelines page: the initial bundle stays small and opening a pipeline does not wait
 * for the download. It is loaded without Suspense on purpose: React holds suspended
 * content back for a moment to avoid flicker, which would delay every open.
 */
let loaded: DesignerModule | undefined;
let loading: Promise<DesignerModule> | undefined;

export function loadDesigner(): Promise<DesignerModule> {
  loading ??= import('../pages/designer/DesignerPage').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function prefetchDesignerWhenIdle(): () => void {
  if (typeof window.requestIdleCallback !== 'function') {
    const timer = setTimeout(() => void loadDesigner(), 1500);
    return () => clearTimeout(timer);
  }
  const handle = window.requestIdleCallback(() => void loadDesigner(), { timeout: 3000 });
  return () => window.cancelIdleCallback(handle);
}

/** The designer page component once its code is here, or why it could not be loaded. */
export function useDesignerPage(): { Page?: ComponentType<{ pipelineId: string }>; problem?: string } {
  const [state, setState] = useState<{ module?: DesignerModule; problem?: string }>(() => (loaded ? { module: loaded } : {}));
  useEffect(() => {
    if (state.module) return;
    let live = true;
    loadDesigner().then(
      (module) => live && setState({ module }),
      (error: unknown) => live && setState({ problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [state.module]);
  return state.module ? { Page: state.module.default } : state.problem ? { problem: state.problem } : {};
}
