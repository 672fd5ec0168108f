import { useEffect, useMemo, useRef } from 'react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { issuesByStage } from '../validation/located-issue';
import { PipelinePanel } from './PipelinePanel';
import { ProblemsList } from './ProblemsList';
import { SelectionSummary } from './SelectionSummary';
import { StagePanel } from './StagePanel';
import { VersionsList } from './VersionsList';

export type PanelTab = 'configure' | 'problems' | 'versions';

interface SidePanelProps {
  pipelineId: string;
  catalog: DesignerCatalog;
  readOnly: boolean;
  dirty: boolean;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  onRestore: (version: number) => Promise<void>;
  onDeleteSelection: () => void;
}

/** The right-hand panel: the selection's configuration, the problems, the versions. */
export function SidePanel({ pipelineId, catalog, readOnly, dirty, tab, onTab, onRestore, onDeleteSelection }: SidePanelProps) {
  const document = useEditor(selectDocument);
  const selection = useEditor((s) => s.selection);
  const issues = useEditor((s) => s.issues);
  const focus = useEditor((s) => s.focus);
  const body = useRef<HTMLDivElement>(null);
  const byStage = useMemo(() => issuesByStage(issues), [issues]);

  const selectedStages = document.stages.filter((s) => selection.stages.has(s.id));
  const single = selectedStages.length === 1 ? selectedStages[0] : undefined;

  // A jump to a problem: once the panel shows the stage, bring its field into view.
  useEffect(() => {
    if (focus?.fieldPath === undefined) return;
    const frame = requestAnimationFrame(() => {
      const field = body.current?.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(focus.fieldPath!)}"]`);
      field?.scrollIntoView({ block: 'center' });
      field?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);

  const tabs: Array<{ id: PanelTab; title: string }> = [
    { id: 'configure', title: 'Configure' },
    { id: 'problems', title: issues.length > 0 ? `Problems (${issues.length})` : 'Problems' },
    { id: 'versions', title: 'Versions' },
  ];

  return (
    <aside className="side-panel" aria-label="Details">
      <div className="tabs" role="tablist" aria-label="Panel">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            className={t.id === 'problems' && issues.length > 0 ? 'tab has-problems' : 'tab'}
            onClick={() => onTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="side-panel-body" ref={body} role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'configure' &&
          (single ? (
            <StagePanel key={single.id} stage={single} catalog={catalog} issues={byStage.get(single.id) ?? []} readOnly={readOnly} />
          ) : selectedStages.length > 1 ? (
            <SelectionSummary count={selectedStages.length} readOnly={readOnly} onDelete={onDeleteSelection} />
          ) : (
            <PipelinePanel issues={issues} readOnly={readOnly} />
          ))}
        {tab === 'problems' && <ProblemsList catalog={catalog} onJump={() => onTab('configure')} />}
        {tab === 'versions' && <VersionsList pipelineId={pipelineId} dirty={dirty} readOnly={readOnly} onRestore={onRestore} />}
      </div>
    </aside>
  );
}
