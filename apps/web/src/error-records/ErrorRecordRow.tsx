import type { ErrorRecordEntry } from '@duto/model';
import { IconButton } from '../ui/IconButton';
import { RelativeTime } from '../ui/RelativeTime';

interface ErrorRecordRowProps {
  entry: ErrorRecordEntry;
  stageName: string;
  selected: boolean;
  expanded: boolean;
  onSelect: (selected: boolean) => void;
  onExpand: () => void;
}

/** One error record: its stage, time and reason; the record itself as JSON when expanded. */
export function ErrorRecordRow({ entry, stageName, selected, expanded, onSelect, onExpand }: ErrorRecordRowProps) {
  const detailId = `error-record-${entry.id}`;
  return (
    <>
      <tr className={selected ? 'is-selected' : undefined} data-testid="error-record-row" data-error-id={entry.id} data-stage-id={entry.stageId}>
        <td className="select-cell">
          <input type="checkbox" className="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select error record ${entry.id}`} data-testid="select-error-record" />
        </td>
        <td>{stageName}</td>
        <td className="nowrap">
          <RelativeTime iso={entry.at} />
        </td>
        <td className="error-reason" data-testid="error-record-reason">
          {entry.reason}
        </td>
        <td className="row-actions">
          <IconButton
            icon={expanded ? 'up' : 'down'}
            label={expanded ? 'Hide the record' : 'Show the record'}
            aria-expanded={expanded}
            aria-controls={expanded ? detailId : undefined}
            onClick={onExpand}
            data-testid="expand-error-record"
          />
        </td>
      </tr>
      {expanded && (
        <tr className="error-record-detail" id={detailId}>
          <td />
          <td colSpan={4}>
            <pre className="record-json" data-testid="error-record-json">
              {JSON.stringify(entry.record, null, 2)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
