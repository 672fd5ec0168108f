import { useCallback, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { IconButton } from '../../ui/IconButton';
import { Notice } from '../../ui/Notice';
import { FormField } from '../../ui/FormField';
import { RelativeTime } from '../../ui/RelativeTime';
import { TableHead } from '../../ui/TableHead';
import { useLoaded } from './useLoaded';

const PAGE_SIZE = 50;

interface Filter {
  actor: string;
  action: string;
}

/** The audit log, newest first: who did what to which thing, when and from where; filtered and paged. */
export function AuditPage() {
  const [draft, setDraft] = useState<Filter>({ actor: '', action: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  // The `before` cursor of each page shown so far: the last is the current page, undefined the newest.
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const before = cursors[cursors.length - 1];
  const load = useCallback(
    () => api.audit({ actor: filter.actor.trim() || undefined, action: filter.action.trim() || undefined, before, limit: PAGE_SIZE }),
    [filter, before],
  );
  const { data: page, problem } = useLoaded(load);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
    setCursors([undefined]);
  };

  return (
    <section aria-label="Audit log">
      <form className="admin-form" onSubmit={apply} aria-label="Filter the audit log" data-testid="audit-filter">
        <FormField label="Action">
          <input className="input" placeholder="e.g. pipeline.start, or pipeline. for all" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-action" />
        </FormField>
        <FormField label="User">
          <input className="input" placeholder="e.g. admin" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} data-testid="audit-actor" />
        </FormField>
        <button type="submit" className="btn btn-primary">
          Filter
        </button>
      </form>
      {problem && <Notice tone="error">{problem}</Notice>}
      {page?.entries.length === 0 && <p className="empty">Nothing recorded{filter.actor || filter.action ? ' that matches' : ''}.</p>}
      {page && page.entries.length > 0 && (
        <table className="admin-table" data-testid="audit-list">
          <TableHead columns={['When', 'Who', 'Action', 'Target', 'Address', 'Details']} />
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                <td>
                  <RelativeTime iso={entry.at} />
                </td>
                <td>{entry.actor}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td className="admin-target">{entry.target}</td>
                <td>{entry.ip}</td>
                <td className="admin-detail">{entry.detail ? JSON.stringify(entry.detail) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-paging">
        <IconButton icon="back" text="Newer" label="Newer entries" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="audit-newer" />
        <IconButton
          icon="history"
          text="Older"
          label="Older entries"
          disabled={page?.nextBefore === undefined}
          onClick={() => setCursors([...cursors, page!.nextBefore])}
          data-testid="audit-older"
        />
      </div>
    </section>
  );
}
