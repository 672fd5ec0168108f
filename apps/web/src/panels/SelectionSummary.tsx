import { IconButton } from '../ui/IconButton';

/** Several stages selected: what can be done with all of them at once. */
export function SelectionSummary({ count, readOnly, onDelete }: { count: number; readOnly: boolean; onDelete: () => void }) {
  return (
    <section className="panel-section">
      <h2 className="panel-title">{count} stages selected</h2>
      <p className="panel-description">Drag one of them to move all; Mod+C copies them with the connections between them.</p>
      <IconButton icon="trash" text="Delete selected" label="Delete the selected stages" variant="danger" disabled={readOnly} onClick={onDelete} />
    </section>
  );
}
