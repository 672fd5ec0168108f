import { useState } from 'react';
import { api, describeError } from '../api/client';
import { useCan } from '../auth/useCan';
import { IconButton } from '../ui/IconButton';
import { StateBadge } from '../ui/StateBadge';
import { isActiveState, useRunStore } from './run-store';
import { StartDialog } from './StartDialog';

interface RunControlsProps {
  pipelineId: string;
  parameters: Record<string, string>;
  /** Saves unsaved changes first: a run uses the newest saved version. Resolves false when it could not. */
  ensureSaved: () => Promise<boolean>;
  onProblem: (message: string) => void;
}

/** Start (asking for parameters when there are any), stop, and the run state; a viewer sees the state only. */
export function RunControls({ pipelineId, parameters, ensureSaved, onProblem }: RunControlsProps) {
  const mayRun = useCan('run');
  const status = useRunStore((s) => s.status);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const state = status?.state;
  const active = isActiveState(state);

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      useRunStore.getState().setStatus(await api.status(pipelineId));
    } catch (error) {
      onProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const start = async (values?: Record<string, string>) => {
    setAsking(false);
    if (!(await ensureSaved())) return;
    await act(() => api.start(pipelineId, values));
  };

  return (
    <div className="run-controls">
      {state && <StateBadge state={state} title={status?.error ?? `since ${new Date(status?.since ?? '').toLocaleString()}`} />}
      {mayRun &&
        (active ? (
          <IconButton icon="stop" text="Stop" label="Stop the pipeline" variant="danger" disabled={busy || state === 'STOPPING'} onClick={() => void act(() => api.stop(pipelineId))} data-testid="stop-pipeline" />
        ) : (
          <IconButton
            icon="play"
            text="Start"
            label="Start the pipeline"
            variant="primary"
            disabled={busy}
            onClick={() => (Object.keys(parameters).length > 0 ? setAsking(true) : void start())}
            data-testid="start-pipeline"
          />
        ))}
      {asking && <StartDialog parameters={parameters} onStart={(values) => void start(values)} onClose={() => setAsking(false)} />}
    </div>
  );
}
