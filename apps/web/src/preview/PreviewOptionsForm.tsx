import { useId } from 'react';
import type { StageNode } from '@duto/model';
import { usePreviewStore } from './preview-store';

interface PreviewOptionsFormProps {
  origins: readonly StageNode[];
  running: boolean;
  hasResult: boolean;
  onRun: () => void;
  onCancel: () => void;
}

/** Where the preview's records come from (the origin, within a time limit, or pasted JSON) and the run button. */
export function PreviewOptionsForm({ origins, running, hasResult, onRun, onCancel }: PreviewOptionsFormProps) {
  const options = usePreviewStore((s) => s.options);
  const setOptions = usePreviewStore((s) => s.setOptions);
  const id = useId();
  return (
    <form
      className="preview-options"
      aria-label="Preview options"
      onSubmit={(event) => {
        event.preventDefault();
        onRun();
      }}
    >
      <fieldset className="preview-source">
        <legend className="visually-hidden">Records</legend>
        <label>
          <input type="radio" name={`${id}-source`} checked={options.source === 'origin'} onChange={() => setOptions({ source: 'origin' })} data-testid="preview-source-origin" />
          Read from the origin
        </label>
        <label>
          <input type="radio" name={`${id}-source`} checked={options.source === 'pasted'} onChange={() => setOptions({ source: 'pasted' })} data-testid="preview-source-pasted" />
          Paste records
        </label>
      </fieldset>
      {options.source === 'origin' && origins.length > 1 && (
        <label className="preview-option">
          <span>Origin</span>
          <select className="input" value={options.originId ?? origins[0]!.id} onChange={(e) => setOptions({ originId: e.target.value })}>
            {origins.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label ?? o.id}
              </option>
            ))}
          </select>
        </label>
      )}
      {options.source === 'origin' && (
        <>
          <label className="preview-option">
            <span>Records</span>
            <input
              className="input"
              type="number"
              min={1}
              max={10_000}
              value={options.maxRecords}
              onChange={(e) => setOptions({ maxRecords: clamp(e.target.valueAsNumber, 1, 10_000) })}
              data-testid="preview-max-records"
            />
          </label>
          <label className="preview-option">
            <span>Wait at most (s)</span>
            <input
              className="input"
              type="number"
              min={0.1}
              max={60}
              step={0.1}
              value={options.timeoutMs / 1000}
              onChange={(e) => setOptions({ timeoutMs: Math.round(clamp(e.target.valueAsNumber, 0.1, 60) * 1000) })}
              data-testid="preview-timeout"
            />
          </label>
        </>
      )}
      <div className="preview-run">
        <button type="submit" className="btn btn-primary" disabled={running} data-testid="preview-run" title="Run the preview (Mod+Enter)">
          {running ? 'Running…' : hasResult ? 'Re-run' : 'Run preview'}
        </button>
        {running && (
          <button type="button" className="btn btn-plain" onClick={onCancel} data-testid="preview-cancel">
            Cancel
          </button>
        )}
      </div>
      {options.source === 'pasted' && (
        <label className="preview-paste">
          <span>Record values: a JSON array, or one JSON object per line</span>
          <textarea
            className="input input-code"
            rows={4}
            value={options.pastedText}
            placeholder={'[{ "sensorId": "s-1", "temperature": 21.5 }]'}
            onChange={(e) => setOptions({ pastedText: e.target.value })}
            data-testid="preview-paste"
          />
        </label>
      )}
    </form>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
