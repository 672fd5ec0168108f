import type { RunState } from '@duto/model';

/** A run state as a coloured pill; the word stays, so colour is never the only signal. */
export function StateBadge({ state, title }: { state: RunState; title?: string }) {
  return (
    <span className={`state state-${state.toLowerCase()}`} data-testid="state-badge" data-state={state} title={title}>
      <span className="state-dot" aria-hidden="true" />
      {state}
    </span>
  );
}
