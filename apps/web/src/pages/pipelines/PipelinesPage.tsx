import { useMemo, useState } from 'react';
import type { PipelineSummary } from '@duto/model';
import { api, describeError } from '../../api/client';
import { navigate, pipelineHref } from '../../app/router';
import { useCan } from '../../auth/useCan';
import { Icon } from '../../ui/icons';
import { Notice } from '../../ui/Notice';
import { DeletePipelineDialog } from './DeletePipelineDialog';
import { ImportControl } from './ImportControl';
import { NameDialog } from './NameDialog';
import { createEmptyPipeline, duplicatePipeline, exportPipelineToFile, renamePipeline } from './pipeline-actions';
import { PipelineTable } from './PipelineTable';
import { usePipelineList } from './usePipelineList';

type OpenDialog = { kind: 'create' } | { kind: 'rename'; pipeline: PipelineSummary } | { kind: 'delete'; pipeline: PipelineSummary } | undefined;

/** The pipelines page: what exists and its state; create, rename, duplicate, delete, import, export. */
export function PipelinesPage() {
  const { pipelines, loadProblem, reload } = usePipelineList();
  const [problems, setProblems] = useState<string[]>([]);
  const [news, setNews] = useState<string>();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<OpenDialog>();
  const mayDesign = useCan('design');

  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!pipelines || !needle) return pipelines;
    return pipelines.filter((p) => [p.name, p.description ?? '', p.id].some((text) => text.toLowerCase().includes(needle)));
  }, [pipelines, query]);

  const run = (action: () => Promise<unknown>, success?: string) => {
    setProblems([]);
    action().then(
      () => {
        if (success) setNews(success);
        void reload();
      },
      (error: unknown) => setProblems([describeError(error)]),
    );
  };

  return (
    <main className="page">
      <header className="page-header">
        <h1>Pipelines</h1>
        <div className="toolbar-group">
          <label className="search">
            <Icon name="search" />
            <span className="visually-hidden">Search pipelines</span>
            <input
              type="search"
              className="input"
              placeholder="Search pipelines"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="pipeline-search"
            />
          </label>
          {mayDesign && (
            <>
              <ImportControl
                onImported={(_created, fileName) => {
                  setNews(`Imported ${fileName}.`);
                  void reload();
                }}
                onProblems={setProblems}
              />
              <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="new-pipeline">
                <Icon name="plus" />
                <span>New pipeline</span>
              </button>
            </>
          )}
        </div>
      </header>

      {loadProblem && <Notice tone="error">{loadProblem}</Notice>}
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="import-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {news && (
        <Notice tone="success" onDismiss={() => setNews(undefined)}>
          {news}
        </Notice>
      )}

      {shown === undefined ? (
        <p className="muted">{loadProblem ? '' : 'Loading…'}</p>
      ) : pipelines?.length === 0 ? (
        <div className="empty-state">
          <h2>No pipelines yet</h2>
          <p>
            {mayDesign
              ? 'Create one with “New pipeline”, or import a pipeline file: pick it with “Import…” or drop it onto this page.'
              : 'An editor or an admin can create them; they show here.'}
          </p>
        </div>
      ) : shown.length === 0 ? (
        <p className="empty">No pipeline matches “{query}”.</p>
      ) : (
        <PipelineTable
          pipelines={shown}
          actions={{
            rename: (pipeline) => setDialog({ kind: 'rename', pipeline }),
            duplicate: (pipeline) => run(() => duplicatePipeline(pipeline.id), `Duplicated ${pipeline.name}.`),
            exportFile: (pipeline) => run(() => exportPipelineToFile(pipeline.id)),
            remove: (pipeline) => setDialog({ kind: 'delete', pipeline }),
          }}
        />
      )}

      {dialog?.kind === 'create' && (
        <NameDialog
          title="New pipeline"
          initialName="New pipeline"
          confirmText="Create and open"
          onClose={() => setDialog(undefined)}
          onSubmit={async (name) => {
            const { id } = await createEmptyPipeline(name);
            navigate(pipelineHref(id));
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title={`Rename ${dialog.pipeline.name}`}
          initialName={dialog.pipeline.name}
          confirmText="Rename"
          onClose={() => setDialog(undefined)}
          onSubmit={async (name) => {
            await renamePipeline(dialog.pipeline.id, name);
            void reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeletePipelineDialog
          pipeline={dialog.pipeline}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setNews(`Deleted ${dialog.pipeline.name}.`);
            void reload();
          }}
        />
      )}
    </main>
  );
}
