import type { PipelineDocument } from '@duto/model';
import { useEditorStore } from '../state/editor-context';
import type { LocatedIssue } from '../validation/located-issue';

/** Why the server refused to preview the draft, each problem by its place; choosing one shows the stage and field. */
export function PreviewProblems({ problems, document }: { problems: readonly LocatedIssue[]; document: PipelineDocument }) {
  const store = useEditorStore();
  const nameOf = (stageId: string) => document.stages.find((s) => s.id === stageId)?.label ?? stageId;
  return (
    <div className="notice notice-error" role="alert" data-testid="preview-problems">
      <div className="notice-body">
        <p>The server did not run the preview:</p>
        <ul className="preview-problem-list">
          {problems.map((problem, index) => (
            <li key={`${index}:${problem.path}`}>
              {problem.stageId !== undefined ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => store.getState().focusOn(problem.configPath === undefined ? { stageId: problem.stageId! } : { stageId: problem.stageId!, fieldPath: problem.configPath })}
                >
                  {nameOf(problem.stageId)}
                </button>
              ) : (
                <span>Pipeline</span>
              )}
              {': '}
              {problem.message} <code className="muted">{problem.path || '/'}</code>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
