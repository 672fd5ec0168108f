import type { LakeEntry } from '@duto/model';
import { Link } from '../../app/Link';
import { lakeHref } from '../../app/router';
import { exactCount, formatCount } from '../../format/count';
import { Icon } from '../../ui/icons';
import { RelativeTime } from '../../ui/RelativeTime';
import { TableHead } from '../../ui/TableHead';
import { downloadHref, formatBytes } from './lake-paths';
import { PartitionName } from './PartitionName';

/** The folders and files of one lake folder; a file's name opens its preview. */
export function LakeEntryTable({ entries, selected, onSelect }: { entries: LakeEntry[]; selected?: string; onSelect: (entry: LakeEntry) => void }) {
  return (
    <table className="lake-entries" data-testid="lake-entries">
      <TableHead columns={['Name', { label: 'Records', className: 'numeric' }, { label: 'Size', className: 'numeric' }, 'Modified', { label: 'Download', hidden: true }]} />
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.path}
            data-testid="lake-entry"
            data-kind={entry.partition ? 'partition' : entry.kind}
            data-name={entry.name}
            aria-selected={entry.kind === 'file' ? entry.path === selected : undefined}
          >
            <td>
              {entry.kind === 'folder' ? (
                <Link href={lakeHref(entry.path)} className="lake-name">
                  <Icon name={entry.partition ? 'list' : 'folder'} />
                  <PartitionName name={entry.name} />
                </Link>
              ) : entry.format ? (
                <button type="button" className="link-button lake-name" onClick={() => onSelect(entry)} title={`Preview ${entry.name}`}>
                  <Icon name="table" />
                  <span>{entry.name}</span>
                </button>
              ) : (
                <span className="lake-name">
                  <Icon name="box" />
                  <span>{entry.name}</span>
                </span>
              )}
            </td>
            <td className="numeric" title={entry.records === undefined ? undefined : `${exactCount(entry.records)} records`}>
              {entry.records === undefined ? '' : formatCount(entry.records)}
            </td>
            <td className="numeric" title={entry.size === undefined ? undefined : `${exactCount(entry.size)} bytes`}>
              {entry.size === undefined ? '' : formatBytes(entry.size)}
            </td>
            <td>
              <RelativeTime iso={entry.modifiedAt} />
            </td>
            <td className="row-actions">
              {entry.kind === 'file' && (
                <a className="btn btn-plain btn-icon" href={downloadHref(entry.path)} download={entry.name} aria-label={`Download ${entry.name}`} title={`Download ${entry.name}`}>
                  <Icon name="download" />
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
