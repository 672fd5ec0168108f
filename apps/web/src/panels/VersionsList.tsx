import { useEffect, useState } from 'react';
import type { PipelineVersionSummary } from '@duto/model';
import { api, describeError } from '../api/client';
import { useCan } from '../auth/useCan';
import { useEditor } from '../state/editor-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { RelativeTime } from '../ui/RelativeTime';

interface VersionsListProps {
  pipelineId: string;
  dirty: boolean;
  readOnly: boolean;
  /** Stores the version's document as a new version; resolves with its number. */
  onRestore: (version: number) => Promise<void>;
}

/** The saved versions, newest first; an older one can be restored (saved again as the newest). */
export function VersionsList({ pipelineId, dirty, readOnly, onRestore }: VersionsListProps) {
  const current = useEditor((s) => s.saved.version);
  const mayRestore = useCan('design');
  const [versions, setVersions] = useState<PipelineVersionSummary[]>();
  const [problem, setProblem] = useState<string>();
  const [restoring, setRestoring] = useState<number>();

  useEffect(() => {
    let live = true;
    api.versions(pipelineId).then(
      (list) => live && (setVersions(list), setProblem(undefined)),
      (error: unknown) => live && setProblem(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [pipelineId, current]);

  return (
    <section className="panel-section" aria-label="Versions">
      {problem && <p className="inline-problem">{problem}</p>}
      {!versions && !problem && <p className="muted">Loading versions…</p>}
      <ol className="version-list" data-testid="version-list">
        {versions?.map((v) => (
          <li key={v.version} className="version-item" data-testid="version-item" data-version={v.version}>
            <div>
              <div className="version-title">
                Version {v.version}
                {v.version === current && <span className="tag">current</span>}
              </div>
              <div className="muted small">
                {v.name} · <RelativeTime iso={v.createdAt} />
              </div>
            </div>
            {v.version !== current && mayRestore && (
              <button type="button" className="btn btn-plain" disabled={readOnly} onClick={() => setRestoring(v.version)} data-testid="restore-version">
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
      {restoring !== undefined && (
        <ConfirmDialog
          title={`Restore version ${restoring}?`}
          confirmText="Restore"
          onClose={() => setRestoring(undefined)}
          onConfirm={() => onRestore(restoring)}
        >
          <p>Version {restoring} is saved again as a new version; every version stays in the history.</p>
          {dirty && <p className="inline-problem">Your unsaved changes are replaced by it.</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
