import { useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';

interface NameDialogProps {
  title: string;
  initialName: string;
  confirmText: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a pipeline name (create, rename); stays open with the reason when the server refuses. */
export function NameDialog({ title, initialName, confirmText, onSubmit, onClose }: NameDialogProps) {
  const [name, setName] = useState(initialName);
  const trimmed = name.trim();

  return (
    <FormDialog title={title} testId="name-dialog" submitText={confirmText} submitDisabled={!trimmed} onSubmit={() => onSubmit(trimmed)} onClose={onClose}>
      <label className="field">
        <span className="field-label">Name</span>
        <input className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-autofocus required />
      </label>
    </FormDialog>
  );
}
