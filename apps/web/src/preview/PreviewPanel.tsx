import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import '../styles/preview.css';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { IconButton } from '../ui/IconButton';
import { Notice } from '../ui/Notice';
import { PreviewOptionsForm } from './PreviewOptionsForm';
import { PreviewProblems } from './PreviewProblems';
import { usePreviewStore } from './preview-store';
import { cancelPreview, runPreview } from './run-preview';
import { StagePreview, type RecordView } from './StagePreview';

interface PreviewPanelProps {
  pipelineId: string;
  catalog: DesignerCatalog;
}

/**
 * Preview mode's panel under the canvas: run the draft on a few records and see, for the
 * selected stage, what went in and what came out. Editing a stage and pressing Re-run
 * runs again in place: the selection, the view and the scroll position stay.
 */
export default function PreviewPanel({ pipelineId, catalog }: PreviewPanelProps) {
  const store = useEditorStore();
  const document = useEditor(selectDocument);
  const selectedStageId = useEditor((s) => (s.selection.stages.size === 1 ? [...s.selection.stages][0] : undefined));
  const { result, ranOn, running, problems, failure } = usePreviewStore();
  const setActive = usePreviewStore((s) => s.setActive);
  const [view, setView] = useState<RecordView>('table');

  const categoryOf = useCallback((type: string) => catalog.entry(type)?.category ?? 'unknown', [catalog]);
  const origins = useMemo(() => document.stages.filter((s) => categoryOf(s.type) === 'origin'), [document.stages, categoryOf]);
  const run = useCallback(() => void runPreview(pipelineId, store.getState().history.present), [pipelineId, store]);
  const shownStage = document.stages.find((s) => s.id === selectedStageId);
  const stageResult = shownStage && result?.stages[shownStage.id];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!running) run();
    }
  };

  return (
    <section className="preview-panel" aria-label="Preview" data-testid="preview-panel" aria-busy={running !== undefined} onKeyDown={onKeyDown}>
      <header className="preview-header">
        <h2>Preview</h2>
        <PreviewOptionsForm origins={origins} running={running !== undefined} hasResult={result !== undefined} onRun={run} onCancel={cancelPreview} />
        <IconButton icon="close" label="Leave preview mode" onClick={() => setActive(false)} data-testid="preview-close" />
      </header>
      <div className="preview-body">
        {failure && (
          <Notice tone="error" testId="preview-failure">
            {failure}
          </Notice>
        )}
        {problems && <PreviewProblems problems={problems} document={document} />}
        {result && (
          <p className="preview-summary muted small" data-testid="preview-summary">
            {summary(result.origin.source, result.origin.timedOut, result.stages[result.origin.stageId]?.output.length ?? 0, result.tookMs)}
            {ranOn !== document && <strong className="preview-stale"> The draft changed since: Re-run to see the effect.</strong>}
          </p>
        )}
        <div className="preview-stage-bar">
          <label className="preview-option">
            <span>Stage</span>
            <select
              className="input"
              value={shownStage?.id ?? ''}
              onChange={(e) => store.getState().select({ stages: new Set([e.target.value]), edges: new Set() })}
              data-testid="preview-stage"
            >
              {!shownStage && <option value="">Choose a stage…</option>}
              {document.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label ? `${s.label} (${s.id})` : s.id}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="group" aria-label="Show records as">
            {(['table', 'json'] as const).map((v) => (
              <button key={v} type="button" className="btn btn-plain" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`preview-view-${v}`}>
                {v === 'table' ? 'Table' : 'JSON'}
              </button>
            ))}
          </div>
        </div>
        {!result && !running && !problems && !failure && (
          <p className="muted">Run the preview to see records flow through the draft, saved or not. Nothing is written to any destination and no offset moves.</p>
        )}
        {result && !shownStage && <p className="muted">Select a stage on the canvas, or choose one above, to see its input and output.</p>}
        {result && shownStage && !stageResult && <p className="muted">This stage was not in the last preview run: press Re-run.</p>}
        {shownStage && stageResult && <StagePreview stage={stageResult} category={categoryOf(shownStage.type)} view={view} />}
      </div>
    </section>
  );
}

function summary(source: 'origin' | 'pasted', timedOut: boolean, records: number, tookMs: number): string {
  const what = `${records} ${records === 1 ? 'record' : 'records'} ${source === 'pasted' ? 'pasted' : 'read from the origin'}`;
  return `${what} in ${Math.round(tookMs)} ms${timedOut ? ' (the origin had no more within the time limit)' : ''}.`;
}
