import { Dialog } from '../ui/Dialog';

interface ConflictDialogProps {
  message: string;
  onReload: () => void;
  onOverwrite: () => void;
  onClose: () => void;
}

/** Someone saved in between: take theirs (reload) or store this draft on top of it. */
export function ConflictDialog({ message, onReload, onOverwrite, onClose }: ConflictDialogProps) {
  return (
    <Dialog
      title="Someone else saved this pipeline"
      onClose={onClose}
      testId="conflict-dialog"
      actions={
        <>
          <button type="button" className="btn btn-plain" onClick={onClose}>
            Keep editing
          </button>
          <button type="button" className="btn btn-plain" onClick={onOverwrite} data-testid="conflict-overwrite">
            Save mine as the newest
          </button>
          <button type="button" className="btn btn-primary" onClick={onReload} data-testid="conflict-reload">
            Reload theirs
          </button>
        </>
      }
    >
      <p>A newer version was saved while you were editing, so your save was refused.</p>
      <p className="muted small">{message}</p>
      <p>Reloading replaces your changes with their version. Saving yours makes it the newest and keeps theirs in the version history.</p>
    </Dialog>
  );
}
