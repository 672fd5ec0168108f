import { useCallback, useMemo } from 'react';
import { PipelineDocument } from '@duto/model';
import type { JsonSchema } from '../config-form/json-schema';
import { SchemaForm } from '../config-form/SchemaForm';
import { setPipelineFields, type PipelineFields } from '../state/document-ops';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import type { LocatedIssue } from '../validation/located-issue';

/** The pipeline's own fields, straight from the document schema of the model, rendered by the same form as stages. */
const PIPELINE_FIELDS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: PipelineDocument.properties.name as JsonSchema,
    description: PipelineDocument.properties.description as JsonSchema,
    parameters: PipelineDocument.properties.parameters as JsonSchema,
    settings: PipelineDocument.properties.settings as JsonSchema,
  },
};

export function PipelinePanel({ issues, readOnly }: { issues: readonly LocatedIssue[]; readOnly: boolean }) {
  const store = useEditorStore();
  const document = useEditor(selectDocument);
  const stageCount = document.stages.length;
  const value = useMemo<PipelineFields>(
    () => ({ name: document.name, description: document.description, parameters: document.parameters, settings: document.settings }),
    [document.name, document.description, document.parameters, document.settings],
  );
  const formIssues = useMemo(
    () => issues.filter((i) => i.pipelinePath !== undefined && i.stageId === undefined).map((i) => ({ path: i.pipelinePath!, message: i.message })),
    [issues],
  );
  const onChange = useCallback(
    (next: unknown, changedPath: string) => {
      const fields = next as Partial<PipelineFields>;
      store.getState().edit(
        (doc) => setPipelineFields(doc, { name: fields.name ?? '', description: fields.description, parameters: fields.parameters, settings: fields.settings }),
        `pipeline:${changedPath}`,
      );
    },
    [store],
  );

  return (
    <section className="panel-section" aria-label="Pipeline settings" data-testid="pipeline-panel">
      <header className="panel-header">
        <div>
          <h2 className="panel-title">Pipeline settings</h2>
          <p className="panel-subtitle">
            {stageCount} {stageCount === 1 ? 'stage' : 'stages'} · {document.edges.length} {document.edges.length === 1 ? 'connection' : 'connections'}
          </p>
        </div>
      </header>
      <p className="panel-description">Select a stage on the canvas to configure it. With nothing selected, these are the pipeline’s own settings.</p>
      <SchemaForm schema={PIPELINE_FIELDS_SCHEMA} value={value} onChange={onChange} issues={formIssues} disabled={readOnly} idPrefix="pipeline" />
    </section>
  );
}
