import { useEffect } from 'react';
import { addNavigationGuard } from '../app/router';

/** Asks before the user leaves with unsaved changes: closing or reloading the tab, and in-app navigation. */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = addNavigationGuard(() =>
      window.confirm('This pipeline has unsaved changes. Leave anyway? (Your draft stays in this browser and is offered when you come back.)'),
    );
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty]);
}
