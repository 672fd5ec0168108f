import { useEffect, useState } from 'react';
import type { LakeEntry } from '@duto/model';
import { Link } from '../../app/Link';
import { lakeHref } from '../../app/router';
import { Notice } from '../../ui/Notice';
import { Breadcrumbs } from './Breadcrumbs';
import { FilePreview } from './FilePreview';
import { parentOf } from './lake-paths';
import { LakeEntryTable } from './LakeEntryTable';
import { useLakeListing } from './useLakeListing';
import './lake.css';

/** The data-lake browser: folders and partitions, files with size, records and time, and a preview of a file's first records. */
export default function LakePage({ path }: { path: string }) {
  const { listing, problem, loading, reload } = useLakeListing(path);
  const [selected, setSelected] = useState<LakeEntry>();
  useEffect(() => setSelected(undefined), [path]);

  return (
    <main className="page lake-page">
      <header className="page-header">
        <h1>Data lake</h1>
        <button type="button" className="btn" onClick={reload} disabled={loading} title="Read this folder again: new files land all the time" data-testid="lake-reload">
          Reload
        </button>
      </header>
      <Breadcrumbs path={path} />
      {problem && (
        <Notice tone="error">
          {problem}
          {path !== '' && (
            <>
              {' '}
              Go up to <Link href={lakeHref(parentOf(path))}>{parentOf(path) || 'the lake root'}</Link>.
            </>
          )}
        </Notice>
      )}
      {!listing && !problem && <p className="muted">Loading…</p>}
      {listing && listing.entries.length === 0 && (
        <div className="empty-state">
          <h2>{path === '' ? 'The data lake is empty' : 'This folder is empty'}</h2>
          <p>
            Files land here when a pipeline with a data-lake destination runs, e.g. the sample “Kafka → data lake”. Files still being written are hidden
            until they are complete.
          </p>
        </div>
      )}
      {listing && listing.entries.length > 0 && <LakeEntryTable entries={listing.entries} selected={selected?.path} onSelect={setSelected} />}
      {listing?.truncated && <p className="muted small">This folder holds more entries than are listed here ({listing.entries.length}).</p>}
      {selected && <FilePreview key={selected.path} file={selected} onClose={() => setSelected(undefined)} />}
    </main>
  );
}
