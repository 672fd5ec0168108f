import { useCallback, useEffect, useState } from 'react';
import type { PipelineSummary } from '@duto/model';
import { api, ApiRequestError } from '../api/client';

/** The pipelines page: what exists, its state, and import of a pipeline file. */
export function PipelinesPage() {
  const [pipelines, setPipelines] = useState<PipelineSummary[] | undefined>();
  const [problems, setProblems] = useState<string[]>([]);

  const load = useCallback(() => {
    api.listPipelines().then(setPipelines, (error: Error) => setProblems([error.message]));
  }, []);
  useEffect(load, [load]);

  const importFile = async (file: File) => {
    setProblems([]);
    try {
      await api.importPipeline(await file.text());
      load();
    } catch (error) {
      setProblems(
        error instanceof ApiRequestError
          ? error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
          : [String(error)],
      );
    }
  };

  return (
    <main className="page">
      <header className="page-header">
        <h1>Pipelines</h1>
        <label className="button">
          Import…
          <input
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
          />
        </label>
      </header>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="import-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {pipelines === undefined ? (
        <p className="muted">Loading…</p>
      ) : pipelines.length === 0 ? (
        <p className="empty">No pipelines yet. Import a pipeline file to start.</p>
      ) : (
        <table className="pipelines" data-testid="pipeline-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>State</th>
              <th>Version</th>
              <th>Last change</th>
            </tr>
          </thead>
          <tbody>
            {pipelines.map((p) => (
              <tr key={p.id} data-testid="pipeline-row" data-pipeline-id={p.id}>
                <td>{p.name}</td>
                <td>
                  <span className={`state state-${p.state.toLowerCase()}`}>{p.state}</span>
                </td>
                <td>{p.version}</td>
                <td title={p.updatedAt}>{new Date(p.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
