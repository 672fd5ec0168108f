import { useCallback, useRef, useState } from 'react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { DesignerCanvas } from '../canvas/DesignerCanvas';
import { Palette } from '../palette/Palette';
import { SidePanel, type PanelTab } from '../panels/SidePanel';
import { RunControls } from '../run/RunControls';
import { isActiveState, useRunStore } from '../run/run-store';
import { useRunPolling } from '../run/useRunPolling';
import { clearDraft, type StoredDraft } from '../state/draft-storage';
import { useEditor, useEditorStore } from '../state/editor-context';
import { NOTHING_SELECTED, selectDirty } from '../state/editor-store';
import { useDraftPersistence } from '../state/useDraftPersistence';
import { useUnsavedGuard } from '../state/useUnsavedGuard';
import { Notice } from '../ui/Notice';
import { useNotices } from '../ui/useNotices';
import { useDraftValidation } from '../validation/useDraftValidation';
import { ConflictDialog } from './ConflictDialog';
import { DesignerToolbar } from './DesignerToolbar';
import { DraftOffer } from './DraftOffer';
import { ShortcutHelp } from './ShortcutHelp';
import { useDesignerActions } from './useDesignerActions';
import { useDesignerCommands } from './useDesignerCommands';
import { useDesignerShortcuts } from './shortcuts';

interface DesignerProps {
  pipelineId: string;
  catalog: DesignerCatalog;
  offeredDraft: StoredDraft | undefined;
}

/** The designer of one pipeline: toolbar, palette, canvas, side panel, and what ties them together. */
export function Designer({ pipelineId, catalog, offeredDraft }: DesignerProps) {
  const store = useEditorStore();
  const runState = useRunStore((s) => s.status?.state);
  const runError = useRunStore((s) => (s.status?.state === 'FAILED' ? s.status.error : undefined));
  const readOnly = isActiveState(runState);
  const dirty = useEditor(selectDirty);
  const parameters = useEditor((s) => s.history.present.parameters);
  const savedVersion = useEditor((s) => s.saved.version);
  const [tab, setTab] = useState<PanelTab>('configure');
  const [help, setHelp] = useState(false);
  const [draft, setDraft] = useState(offeredDraft);
  const [serverProblem, setServerProblem] = useState<string>();
  const paletteSearch = useRef<HTMLInputElement>(null);
  const { notices, notify, dismiss } = useNotices();

  const showProblems = useCallback(() => setTab('problems'), []);
  const commands = useDesignerCommands(catalog, readOnly);
  const actions = useDesignerActions(pipelineId, catalog, notify, showProblems);
  const { storageRefused } = useDraftPersistence(pipelineId);
  useDraftValidation(catalog);
  useUnsavedGuard(dirty);
  useRunPolling(pipelineId, setServerProblem);

  useDesignerShortcuts({
    save: () => void actions.saveNow(),
    undo: () => !readOnly && commands.undo(),
    redo: () => !readOnly && commands.redo(),
    copy: commands.copy,
    cut: commands.cut,
    paste: commands.paste,
    selectAll: commands.selectAll,
    fit: commands.fit,
    autoLayout: commands.autoLayout,
    focusPaletteSearch: () => paletteSearch.current?.focus(),
    clearSelection: () => store.getState().select(NOTHING_SELECTED),
    showHelp: () => setHelp(true),
  });

  return (
    <main className="designer" data-testid="designer" data-read-only={readOnly || undefined}>
      <DesignerToolbar
        readOnly={readOnly}
        saving={actions.saving}
        validating={actions.validating}
        onSave={() => void actions.saveNow()}
        onValidate={() => void actions.validate()}
        onUndo={commands.undo}
        onRedo={commands.redo}
        onLayout={commands.autoLayout}
        onFit={commands.fit}
        onHelp={() => setHelp(true)}
        run={
          <RunControls
            pipelineId={pipelineId}
            parameters={parameters ?? {}}
            ensureSaved={() => actions.saveNow()}
            onProblem={(message) => notify('error', message)}
          />
        }
      />
      <div className="designer-notices" aria-live="polite">
        {draft && (
          <DraftOffer
            draft={draft}
            serverVersion={savedVersion}
            onRestore={() => {
              store.getState().edit(() => draft.document);
              setDraft(undefined);
            }}
            onDiscard={() => {
              clearDraft(pipelineId);
              setDraft(undefined);
            }}
          />
        )}
        {serverProblem && <Notice tone="error">{`The server does not answer: ${serverProblem}`}</Notice>}
        {storageRefused && <Notice tone="warning">This browser refused to keep a copy of your draft: save soon.</Notice>}
        {runError && <Notice tone="error" testId="run-error">{`The pipeline failed: ${runError}`}</Notice>}
        {readOnly && <Notice tone="info">The pipeline is running: the canvas is read-only. Stop it to edit.</Notice>}
        {notices.map((n) => (
          <Notice key={n.id} tone={n.tone} onDismiss={() => dismiss(n.id)} testId={`notice-${n.tone}`}>
            {n.text}
          </Notice>
        ))}
      </div>
      <div className="designer-body">
        <Palette ref={paletteSearch} entries={catalog.entries} onAdd={(type) => commands.addStage(type)} disabled={readOnly} />
        <DesignerCanvas catalog={catalog} readOnly={readOnly} onAddStage={commands.addStage} />
        <SidePanel
          pipelineId={pipelineId}
          catalog={catalog}
          readOnly={readOnly}
          dirty={dirty}
          tab={tab}
          onTab={setTab}
          onRestore={actions.restore}
          onDeleteSelection={commands.deleteSelection}
        />
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {actions.conflict !== undefined && (
        <ConflictDialog
          message={actions.conflict}
          onClose={actions.dismissConflict}
          onReload={() => void actions.reload()}
          onOverwrite={() => {
            actions.dismissConflict();
            void actions.saveNow(true);
          }}
        />
      )}
    </main>
  );
}
