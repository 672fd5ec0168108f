import { useState } from 'react';
import { Dialog } from '../ui/Dialog';

interface StartDialogProps {
  parameters: Record<string, string>;
  onStart: (values: Record<string, string>) => void;
  onClose: () => void;
}

/** Asks for this run's parameter values, pre-filled with the declared defaults. */
export function StartDialog({ parameters, onStart, onClose }: StartDialogProps) {
  const [values, setValues] = useState(parameters);
  return (
    <Dialog
      title="Start with parameters"
      onClose={onClose}
      testId="start-dialog"
      actions={
        <>
          <button type="button" className="btn btn-plain" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="start-form" className="btn btn-primary" data-testid="start-confirm">
            Start
          </button>
        </>
      }
    >
      <form
        id="start-form"
        onSubmit={(e) => {
          e.preventDefault();
          onStart(values);
        }}
      >
        <p className="muted">Values for this run only; the pipeline keeps its defaults.</p>
        {Object.entries(values).map(([name, value]) => (
          <label key={name} className="field">
            <span className="field-label input-code">{`\${${name}}`}</span>
            <input className="input" value={value} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
          </label>
        ))}
      </form>
    </Dialog>
  );
}
