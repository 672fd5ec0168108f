import type { PipelineSummary } from '@duto/model';
import '../../styles/alert-badge.css';
import { Link } from '../../app/Link';
import { pipelineHref } from '../../app/router';
import { useCan } from '../../auth/useCan';
import { IconButton } from '../../ui/IconButton';
import { RelativeTime } from '../../ui/RelativeTime';
import { StateBadge } from '../../ui/StateBadge';
import { TableHead } from '../../ui/TableHead';

export interface PipelineRowActions {
  rename: (pipeline: PipelineSummary) => void;
  duplicate: (pipeline: PipelineSummary) => void;
  exportFile: (pipeline: PipelineSummary) => void;
  remove: (pipeline: PipelineSummary) => void;
}

export function PipelineTable({ pipelines, actions }: { pipelines: PipelineSummary[]; actions: PipelineRowActions }) {
  const mayDesign = useCan('design');
  const mayExport = useCan('exportPipeline');
  return (
    <table className="pipelines" data-testid="pipeline-list">
      <TableHead columns={['Name', 'State', { label: 'Version', className: 'numeric' }, 'Last change', { label: 'Actions', hidden: true }]} />
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
              {(p.firingAlerts ?? 0) > 0 && (
                <Link href={pipelineHref(p.id, 'dashboard')} className="alert-badge" data-testid="firing-alerts" data-count={p.firingAlerts} title="Open the dashboard">
                  {p.firingAlerts === 1 ? '1 alert firing' : `${p.firingAlerts} alerts firing`}
                </Link>
              )}
            </td>
            <td className="numeric">{p.version}</td>
            <td>
              <RelativeTime iso={p.updatedAt} />
            </td>
            <td className="row-actions">
              {mayDesign && <IconButton icon="pencil" label={`Rename ${p.name}`} onClick={() => actions.rename(p)} data-testid="rename-pipeline" />}
              {mayDesign && <IconButton icon="copy" label={`Duplicate ${p.name}`} onClick={() => actions.duplicate(p)} data-testid="duplicate-pipeline" />}
              {mayExport && <IconButton icon="download" label={`Export ${p.name}`} onClick={() => actions.exportFile(p)} data-testid="export-pipeline" />}
              {mayDesign && <IconButton icon="trash" label={`Delete ${p.name}`} onClick={() => actions.remove(p)} data-testid="delete-pipeline" />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
