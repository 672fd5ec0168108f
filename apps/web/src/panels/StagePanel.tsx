import { useCallback, useEffect, useMemo, useState } from 'react';
import { jsonataSyntaxProblem, substituteParameters, type StageNode } from '@duto/model';
import { stageLook, type DesignerCatalog } from '../catalog/stage-catalog';
import type { JsonSchema } from '../config-form/json-schema';
import { SchemaForm } from '../config-form/SchemaForm';
import { JsonWidget } from '../config-form/widgets/JsonWidget';
import { renameStage, setStageConfig, setStageLabel, stageIds } from '../state/document-ops';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { stageIdProblem } from '../state/stage-ids';
import { StageIcon } from '../stage-look/StageIcon';
import type { LocatedIssue } from '../validation/located-issue';

interface StagePanelProps {
  stage: StageNode;
  catalog: DesignerCatalog;
  issues: readonly LocatedIssue[];
  readOnly: boolean;
}

/** One stage's settings: label, id, and the form its config schema makes. */
export function StagePanel({ stage, catalog, issues, readOnly }: StagePanelProps) {
  const store = useEditorStore();
  const entry = catalog.entry(stage.type);
  const look = stageLook(entry, stage.type);
  const parameters = useEditor((s) => selectDocument(s).parameters);
  // Field problems are shown only while they describe this config: right after an edit
  // the old ones are stale (a field just filled is no longer "required") until the
  // next check, a moment later.
  const issuesCurrent = useEditor((s) => s.issuesFor?.stages.find((st) => st.id === stage.id)?.config === stage.config);

  const formIssues = useMemo(
    () => (issuesCurrent ? issues.filter((i) => i.configPath !== undefined).map((i) => ({ path: i.configPath!, message: i.message })) : []),
    [issues, issuesCurrent],
  );
  const otherIssues = issues.filter((i) => i.configPath === undefined);
  const expressionProblem = useCallback(
    (text: string) => jsonataSyntaxProblem(substituteParameters(text, parameters ?? {})),
    [parameters],
  );
  const setConfig = useCallback(
    (config: unknown, changedPath: string) =>
      store.getState().edit((doc) => setStageConfig(doc, stage.id, config as Record<string, unknown>), `config:${stage.id}:${changedPath}`),
    [store, stage.id],
  );

  return (
    <section className="panel-section" aria-label={`Stage ${stage.label ?? look.label}`} data-testid="stage-panel" data-stage-id={stage.id}>
      <header className={`panel-header cat-${look.category}`}>
        <StageIcon look={look} size={20} />
        <div>
          <h2 className="panel-title">{stage.label ?? look.label}</h2>
          <p className="panel-subtitle">
            {look.label} · {look.category}
          </p>
        </div>
      </header>
      {entry ? <p className="panel-description">{entry.description}</p> : <p className="inline-problem">Duto does not know the stage type “{stage.type}”. Its config is kept as it is; change the type in the file or remove the stage.</p>}
      {otherIssues.length > 0 && (
        <ul className="form-problems" data-testid="stage-problems">
          {otherIssues.map((i) => (
            <li key={i.path + i.message}>{i.message}</li>
          ))}
        </ul>
      )}
      <fieldset className="panel-fieldset" disabled={readOnly}>
        <label className="field">
          <span className="field-label">Label</span>
          <input
            className="input"
            value={stage.label ?? ''}
            placeholder={look.label}
            maxLength={200}
            data-testid="stage-label"
            onChange={(e) => store.getState().edit((doc) => setStageLabel(doc, stage.id, e.target.value), `label:${stage.id}`)}
          />
        </label>
        <StageIdField stageId={stage.id} />
      </fieldset>
      <h3 className="panel-heading">Configuration</h3>
      {entry ? (
        <SchemaForm
          schema={entry.configSchema as JsonSchema}
          value={stage.config}
          onChange={setConfig}
          issues={formIssues}
          expressionProblem={expressionProblem}
          disabled={readOnly}
          idPrefix={`stage-${stage.id}`}
        />
      ) : (
        <JsonWidget
          id={`stage-${stage.id}-config`}
          path=""
          schema={{}}
          value={stage.config}
          onChange={(config) => setConfig(config ?? {}, '')}
          required
          invalid={false}
          describedBy={undefined}
          disabled={readOnly}
          label="Config"
        />
      )}
    </section>
  );
}

/** The id is edited as a draft and applied on Enter or leaving the field, when it is valid and free. */
function StageIdField({ stageId }: { stageId: string }) {
  const store = useEditorStore();
  const [text, setText] = useState(stageId);
  useEffect(() => setText(stageId), [stageId]);
  const taken = stageIds(store.getState().history.present);
  taken.delete(stageId);
  const problem = text === stageId ? undefined : stageIdProblem(text, taken);
  const apply = () => {
    if (text === stageId) return;
    if (problem) {
      setText(stageId);
      return;
    }
    store.getState().edit((doc) => renameStage(doc, stageId, text));
    store.getState().select({ stages: new Set([text]), edges: new Set() });
  };
  return (
    <div className={problem ? 'field is-invalid' : 'field'}>
      <label className="field-label" htmlFor="stage-id-input">
        Id
      </label>
      <input
        id="stage-id-input"
        className="input input-code"
        value={text}
        aria-invalid={problem !== undefined || undefined}
        data-testid="stage-id"
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      <p className="field-help">Unique in the pipeline; edges and metrics name the stage by it.</p>
      {problem && <p className="field-error">{problem}</p>}
    </div>
  );
}
