import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { Icon } from '../ui/icons';

/** Every problem of the pipeline; choosing one selects its stage, centres it and shows the field. */
export function ProblemsList({ catalog, onJump }: { catalog: DesignerCatalog; onJump: () => void }) {
  const store = useEditorStore();
  const issues = useEditor((s) => s.issues);
  const source = useEditor((s) => s.issuesSource);
  const document = useEditor(selectDocument);

  if (issues.length === 0) {
    return (
      <div className="panel-section empty-state small" data-testid="problems-empty">
        <Icon name="check" size={24} />
        <p>No problems found. The pipeline can be saved and started.</p>
      </div>
    );
  }

  const nameOf = (stageId: string) => {
    const stage = document.stages.find((s) => s.id === stageId);
    if (!stage) return stageId;
    return stage.label ?? `${catalog.entry(stage.type)?.label ?? stage.type} (${stage.id})`;
  };

  return (
    <section className="panel-section" aria-label="Problems">
      <p className="muted small">{source === 'server' ? 'As checked by the server.' : 'Checked in the browser as you edit; Validate asks the server too.'}</p>
      <ul className="problem-list" data-testid="problem-list">
        {issues.map((issue, index) => (
          <li key={`${index}:${issue.path}:${issue.message}`}>
            <button
              type="button"
              className="problem-item"
              data-testid="problem-item"
              data-stage-id={issue.stageId}
              onClick={() => {
                const target: { stageId?: string; fieldPath?: string } = {};
                if (issue.stageId !== undefined) target.stageId = issue.stageId;
                const fieldPath = issue.configPath ?? issue.pipelinePath;
                if (fieldPath !== undefined) target.fieldPath = fieldPath;
                store.getState().focusOn(target);
                onJump();
              }}
            >
              <Icon name="alert" className="problem-icon" />
              <span className="problem-text">
                <span className="problem-where">{issue.stageId !== undefined ? nameOf(issue.stageId) : 'Pipeline'}</span>
                <span className="problem-message">{issue.message}</span>
                <code className="problem-path">{issue.path || '/'}</code>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
