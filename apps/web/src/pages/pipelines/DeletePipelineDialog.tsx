import { useEffect, useState } from 'react';
import type { PipelineSummary, RetainedState } from '@duto/model';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface DeletePipelineDialogProps {
  pipeline: PipelineSummary;
  onDeleted: () => void;
  onClose: () => void;
}

/**
 * Confirms a delete and says what the pipeline keeps on services (a replication slot holds
 * WAL on the database server): giving it back is offered, not done by default, because a
 * pipeline deleted and imported again resumes from it.
 */
export function DeletePipelineDialog({ pipeline, onDeleted, onClose }: DeletePipelineDialogProps) {
  const [retained, setRetained] = useState<RetainedState[]>([]);
  const [release, setRelease] = useState(false);

  useEffect(() => {
    let current = true;
    api.retainedState(pipeline.id).then(
      (list) => current && setRetained(list),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [pipeline.id]);

  return (
    <ConfirmDialog
      title={`Delete ${pipeline.name}?`}
      confirmText="Delete"
      danger
      onClose={onClose}
      onConfirm={async () => {
        await api.deletePipeline(pipeline.id, { release });
        onDeleted();
      }}
    >
      <p>The pipeline and all its saved versions are removed. Export it first if you may want it back.</p>
      {retained.length > 0 && (
        <div data-testid="retained-state">
          <p>Its stages keep state on services between runs, so that a run resumes where the last one stopped:</p>
          <ul>
            {retained.map((entry) => (
              <li key={entry.stageId}>
                <strong>{entry.stageId}</strong>: {entry.description}
              </li>
            ))}
          </ul>
          <label>
            <input type="checkbox" className="checkbox" checked={release} onChange={(e) => setRelease(e.target.checked)} data-testid="release-retained" />{' '}
            Release it too. Leave this off to import the pipeline again and resume where it stopped.
          </label>
        </div>
      )}
    </ConfirmDialog>
  );
}
