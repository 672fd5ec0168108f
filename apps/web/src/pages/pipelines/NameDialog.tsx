import { useState } from 'react';
import { describeError } from '../../api/client';
import { Dialog } from '../../ui/Dialog';

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
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const trimmed = name.trim();

  const submit = async () => {
    if (!trimmed) return;
    setBusy(true);
    try {
      await onSubmit(trimmed);
      onClose();
    } catch (error) {
      setProblem(describeError(error));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="name-dialog"
      actions={
        <>
          <button type="button" className="btn btn-plain" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="name-dialog-form" className="btn btn-primary" disabled={busy || !trimmed}>
            {confirmText}
          </button>
        </>
      }
    >
      <form
        id="name-dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-autofocus required />
        </label>
        {problem && (
          <p className="inline-problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
