import { useState } from 'react';
import { FormDialog } from '../ui/FormDialog';

interface StartDialogProps {
  parameters: Record<string, string>;
  onStart: (values: Record<string, string>) => void;
  onClose: () => void;
}

/** Asks for this run's parameter values, pre-filled with the declared defaults. */
export function StartDialog({ parameters, onStart, onClose }: StartDialogProps) {
  const [values, setValues] = useState(parameters);
  return (
    <FormDialog title="Start with parameters" testId="start-dialog" submitText="Start" submitTestId="start-confirm" onSubmit={() => onStart(values)} onClose={onClose}>
      <p className="muted">Values for this run only; the pipeline keeps its defaults.</p>
      {Object.entries(values).map(([name, value]) => (
        <label key={name} className="field">
          <span className="field-label input-code">{`\${${name}}`}</span>
          <input className="input" value={value} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
        </label>
      ))}
    </FormDialog>
  );
}
