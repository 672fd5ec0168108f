import { useCallback, useEffect, useRef, useState } from 'react';
import '../styles/views.css';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { DesignerCanvas } from '../canvas/DesignerCanvas';
import { useCan } from '../auth/useCan';
import { Palette } from '../palette/Palette';
import { SidePanel, type PanelTab } from '../panels/SidePanel';
import { RunControls } from '../run/RunControls';
import { isActiveState, useRunStore } from '../run/run-store';
import { useRunLive } from '../run/useRunLive';
import { usePreviewStore } from '../preview/preview-store';
import { retypeNotice } from '../state/draft-secrets';
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
import { Dashboard, ErrorRecords, PreviewPanel } from './lazy-views';
import { LazyView } from './LazyView';
import { ShortcutHelp } from './ShortcutHelp';
import { useDesignerActions } from './useDesignerActions';
import { useDesignerCommands } from './useDesignerCommands';
import { useDesignerShortcuts } from './shortcuts';
import { useDesignerView } from './useDesignerView';

interface DesignerProps {
  pipelineId: string;
  catalog: DesignerCatalog;
  offeredDraft: StoredDraft | undefined;
}

/**
 * The designer of one pipeline: toolbar, palette, canvas, side panel, and what ties them
 * together; and the pipeline's other views (dashboard, error records), which keep the
 * editor and its unsaved work while they show.
 */
export function Designer({ pipelineId, catalog, offeredDraft }: DesignerProps) {
  const store = useEditorStore();
  const runState = useRunStore((s) => s.status?.state);
  const runError = useRunStore((s) => (s.status?.state === 'FAILED' ? s.status.error : undefined));
  const running = isActiveState(runState);
  const mayDesign = useCan('design');
  const mayPreview = useCan('preview');
  const readOnly = running || !mayDesign;
  const view = useDesignerView();
  const designing = view === 'design';
  const previewing = usePreviewStore((s) => s.active);
  const togglePreview = useCallback(() => usePreviewStore.getState().setActive(!usePreviewStore.getState().active), []);
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
  const { storageRefused } = useDraftPersistence(pipelineId, catalog);
  useDraftValidation(catalog);
  useUnsavedGuard(dirty);
  useRunLive(pipelineId, setServerProblem);
  useEffect(() => {
    usePreviewStore.getState().reset();
    return () => usePreviewStore.getState().reset();
  }, [pipelineId]);

  // Away from the canvas, the keys that act on it do nothing: nothing changes unseen.
  const onCanvas = <T,>(action: () => T) => () => (designing ? action() : undefined);
  useDesignerShortcuts({
    save: () => void actions.saveNow(),
    undo: onCanvas(() => !readOnly && commands.undo()),
    redo: onCanvas(() => !readOnly && commands.redo()),
    copy: onCanvas(commands.copy),
    cut: onCanvas(commands.cut),
    paste: (text) => designing && commands.paste(text),
    selectAll: onCanvas(commands.selectAll),
    fit: onCanvas(commands.fit),
    autoLayout: onCanvas(commands.autoLayout),
    togglePreview: onCanvas(() => mayPreview && togglePreview()),
    focusPaletteSearch: onCanvas(() => paletteSearch.current?.focus()),
    clearSelection: onCanvas(() => store.getState().select(NOTHING_SELECTED)),
    showHelp: () => setHelp(true),
  });

  return (
    <main className="designer" data-testid="designer" data-read-only={readOnly || undefined}>
      <DesignerToolbar
        pipelineId={pipelineId}
        view={view}
        previewing={previewing}
        onPreview={togglePreview}
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
        {draft && mayDesign && (
          <DraftOffer
            draft={draft}
            serverVersion={savedVersion}
            onRestore={() => {
              store.getState().edit(() => draft.document);
              setDraft(undefined);
              // The offer goes away: the fields to type again stay named until dismissed.
              const retype = retypeNotice(draft.document, draft.typedSecrets);
              if (retype) notify('warning', retype);
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
        {running && mayDesign && designing && <Notice tone="info">The pipeline is running: the canvas is read-only. Stop it to edit.</Notice>}
        {!mayDesign && designing && <Notice tone="info">Your role lets you look at this pipeline, not change or run it.</Notice>}
        {notices.map((n) => (
          <Notice key={n.id} tone={n.tone} onDismiss={() => dismiss(n.id)} testId={`notice-${n.tone}`}>
            {n.text}
          </Notice>
        ))}
      </div>
      {view === 'dashboard' && (
        <div className="designer-view">
          <LazyView what="dashboard">
            <Dashboard pipelineId={pipelineId} catalog={catalog} />
          </LazyView>
        </div>
      )}
      {view === 'errors' && (
        <div className="designer-view">
          <LazyView what="error records">
            <ErrorRecords pipelineId={pipelineId} />
          </LazyView>
        </div>
      )}
      {designing && (
        <div className={mayDesign ? 'designer-body' : 'designer-body is-watching'}>
          {mayDesign && <Palette ref={paletteSearch} entries={catalog.entries} onAdd={(type) => commands.addStage(type)} disabled={readOnly} />}
          <div className={previewing ? 'canvas-column is-previewing' : 'canvas-column'}>
            <DesignerCanvas catalog={catalog} readOnly={readOnly} compact={previewing} onAddStage={commands.addStage} />
            {previewing && (
              <LazyView what="preview">
                <PreviewPanel pipelineId={pipelineId} catalog={catalog} />
              </LazyView>
            )}
          </div>
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
      )}
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
