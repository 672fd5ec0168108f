import { Link } from '../app/Link';
import { useCan } from '../auth/useCan';
import type { DesignerView } from '../app/router';
import { canRedo, canUndo } from '../state/history';
import { useEditor } from '../state/editor-context';
import { selectDirty } from '../state/editor-store';
import { IconButton } from '../ui/IconButton';
import { Icon } from '../ui/icons';
import type { ReactNode } from 'react';
import { ViewSwitcher } from './ViewSwitcher';

interface DesignerToolbarProps {
  pipelineId: string;
  view: DesignerView;
  readOnly: boolean;
  previewing: boolean;
  onPreview: () => void;
  saving: boolean;
  validating: boolean;
  onSave: () => void;
  onValidate: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onHelp: () => void;
  run: ReactNode;
}

export function DesignerToolbar(props: DesignerToolbarProps) {
  const { pipelineId, view, readOnly, previewing, onPreview, saving, validating, onSave, onValidate, onUndo, onRedo, onLayout, onFit, onHelp, run } = props;
  const designing = view === 'design';
  const name = useEditor((s) => s.history.present.name);
  const dirty = useEditor(selectDirty);
  const version = useEditor((s) => s.saved.version);
  const undoable = useEditor((s) => canUndo(s.history));
  const redoable = useEditor((s) => canRedo(s.history));
  const mayPreview = useCan('preview');
  const mayDesign = useCan('design');

  return (
    <header className="designer-toolbar">
      <Link href="/" className="btn btn-plain btn-icon" aria-label="Back to the pipelines" title="Back to the pipelines">
        <Icon name="back" />
      </Link>
      <div className="designer-title">
        <h1 data-testid="pipeline-name">{name || 'Untitled pipeline'}</h1>
        <span className={dirty ? 'save-state is-dirty' : 'save-state'} data-testid="save-state" data-dirty={dirty}>
          {dirty ? 'Unsaved changes' : `Saved · version ${version}`}
        </span>
      </div>
      <ViewSwitcher pipelineId={pipelineId} view={view} />
      <div className="toolbar-group" role="toolbar" aria-label="Edit">
        <IconButton icon="undo" label="Undo (Mod+Z)" disabled={!designing || readOnly || !undoable} onClick={onUndo} data-testid="undo" />
        <IconButton icon="redo" label="Redo (Mod+Shift+Z)" disabled={!designing || readOnly || !redoable} onClick={onRedo} data-testid="redo" />
        <IconButton icon="layout" label="Lay out left to right (L)" disabled={!designing || readOnly} onClick={onLayout} data-testid="auto-layout" />
        <IconButton icon="fit" label="Zoom to fit (F)" disabled={!designing} onClick={onFit} data-testid="fit-view" />
        <IconButton icon="help" label="Keyboard shortcuts (?)" onClick={onHelp} data-testid="show-help" />
      </div>
      <span className="toolbar-spacer" />
      <div className="toolbar-group">
        {mayPreview && (
          <IconButton
            icon="search"
            text="Preview"
            label={previewing ? 'Leave preview mode (P)' : 'Preview records through the draft (P)'}
            aria-pressed={previewing}
            disabled={!designing}
            onClick={onPreview}
            data-testid="preview-toggle"
          />
        )}
        <IconButton icon="check" text="Validate" label="Validate the pipeline" disabled={validating} onClick={onValidate} data-testid="validate" />
        {mayDesign && (
          <IconButton
            icon="save"
            text={saving ? 'Saving…' : 'Save'}
            label="Save (Mod+S)"
            variant={dirty ? 'primary' : 'plain'}
            disabled={saving || readOnly}
            onClick={onSave}
            data-testid="save"
          />
        )}
      </div>
      {run}
    </header>
  );
}
