import type { PipelineSummary } from '@duto/model';
import { Link } from '../../app/Link';
import { pipelineHref } from '../../app/router';
import { IconButton } from '../../ui/IconButton';
import { RelativeTime } from '../../ui/RelativeTime';
import { StateBadge } from '../../ui/StateBadge';

export interface PipelineRowActions {
  rename: (pipeline: PipelineSummary) => void;
  duplicate: (pipeline: PipelineSummary) => void;
  exportFile: (pipeline: PipelineSummary) => void;
  remove: (pipeline: PipelineSummary) => void;
}

export function PipelineTable({ pipelines, actions }: { pipelines: PipelineSummary[]; actions: PipelineRowActions }) {
  return (
    <table className="pipelines" data-testid="pipeline-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">State</th>
          <th scope="col" className="numeric">
            Version
          </th>
          <th scope="col">Last change</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pipelines.map((p) => (
          <tr key={p.id} data-testid="pipeline-row" data-pipeline-id={p.id}>
            <td>
              <Link href={pipelineHref(p.id)} className="pipeline-name" data-testid="open-pipeline">
                {p.name}
              </Link>
              {p.description && <div className="muted small">{p.description}</div>}
            </td>
            <td>
              <StateBadge state={p.state} />
            </td>
            <td className="numeric">{p.version}</td>
            <td>
              <RelativeTime iso={p.updatedAt} />
            </td>
            <td className="row-actions">
              <IconButton icon="pencil" label={`Rename ${p.name}`} onClick={() => actions.rename(p)} data-testid="rename-pipeline" />
              <IconButton icon="copy" label={`Duplicate ${p.name}`} onClick={() => actions.duplicate(p)} data-testid="duplicate-pipeline" />
              <IconButton icon="download" label={`Export ${p.name}`} onClick={() => actions.exportFile(p)} data-testid="export-pipeline" />
              <IconButton icon="trash" label={`Delete ${p.name}`} onClick={() => actions.remove(p)} data-testid="delete-pipeline" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
