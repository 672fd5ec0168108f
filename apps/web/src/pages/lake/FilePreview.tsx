import { useEffect, useState } from 'react';
import type { LakeEntry, LakePreview } from '@duto/model';
import { api, describeError } from '../../api/client';
import { exactCount } from '../../format/count';
import { Icon } from '../../ui/icons';
import { IconButton } from '../../ui/IconButton';
import { Notice } from '../../ui/Notice';
import { downloadHref } from './lake-paths';

/** Records shown at most: a preview confirms what landed, it is not a query tool. */
const PREVIEW_LIMIT = 100;

/** The first records of a lake file, as a table or as JSON. */
export function FilePreview({ file, onClose }: { file: LakeEntry; onClose: () => void }) {
  const [state, setState] = useState<{ preview?: LakePreview; problem?: string }>({});
  const [asJson, setAsJson] = useState(false);
  useEffect(() => {
    let live = true;
    setState({});
    api.lakePreview(file.path, PREVIEW_LIMIT).then(
      (preview) => live && setState({ preview }),
      (error: unknown) => live && setState({ problem: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [file.path]);
  const { preview, problem } = state;

  return (
    <section className="lake-preview" aria-label={`Preview of ${file.name}`} data-testid="lake-preview">
      <header className="lake-preview-header">
        <div>
          <h2>{file.name}</h2>
          {preview && (
            <p className="muted small" data-testid="preview-summary">
              {preview.records.length < preview.totalRecords
                ? `First ${exactCount(preview.records.length)} of ${exactCount(preview.totalRecords)} records`
                : `${exactCount(preview.totalRecords)} ${preview.totalRecords === 1 ? 'record' : 'records'}`}{' '}
              · {preview.format.toUpperCase()}
            </p>
          )}
        </div>
        <div className="toolbar-group">
          <div className="segmented" role="group" aria-label="Show records as">
            <button type="button" className="btn" aria-pressed={!asJson} onClick={() => setAsJson(false)} data-testid="preview-as-table">
              Table
            </button>
            <button type="button" className="btn" aria-pressed={asJson} onClick={() => setAsJson(true)} data-testid="preview-as-json">
              JSON
            </button>
          </div>
          <a className="btn" href={downloadHref(file.path)} download={file.name} data-testid="lake-download">
            <Icon name="download" />
            <span>Download</span>
          </a>
          <IconButton icon="close" label="Close the preview" onClick={onClose} />
        </div>
      </header>
      {problem && <Notice tone="error">{problem}</Notice>}
      {!preview && !problem && <p className="muted">Reading {file.name}…</p>}
      {preview && preview.problems.length > 0 && (
        <Notice tone="warning">
          {preview.problems.length === 1 ? 'A line is' : `${preview.problems.length} lines are`} not records:{' '}
          {preview.problems
            .slice(0, 3)
            .map((p) => `line ${p.line} ${p.message}`)
            .join('; ')}
        </Notice>
      )}
      {preview && preview.records.length === 0 && <p className="empty">The file holds no records.</p>}
      {preview && preview.records.length > 0 && (asJson ? <JsonRecords records={preview.records} /> : <RecordTable preview={preview} />)}
    </section>
  );
}

function RecordTable({ preview }: { preview: LakePreview }) {
  // Numbers line up on the right, header included, in columns that hold nothing else.
  const numeric = new Set(
    preview.columns.filter((column) =>
      preview.records.every((record) => {
        const value = (record as Record<string, unknown>)[column];
        return value === undefined || value === null || typeof value === 'number';
      }),
    ),
  );
  return (
    <div className="lake-preview-scroll">
      <table className="lake-records" data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col" className="numeric">
              #
            </th>
            {preview.columns.map((column) => (
              <th scope="col" key={column} className={numeric.has(column) ? 'numeric' : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.records.map((record, i) => (
            <tr key={i}>
              <td className="numeric muted">{i + 1}</td>
              {preview.columns.map((column) => (
                <Cell key={column} value={(record as Record<string, unknown>)[column]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <td className="muted">{value === null ? 'null' : ''}</td>;
  if (typeof value === 'object') return <td className="lake-cell-json">{JSON.stringify(value)}</td>;
  return <td className={typeof value === 'number' ? 'numeric' : undefined}>{String(value)}</td>;
}

function JsonRecords({ records }: { records: object[] }) {
  return (
    <pre className="lake-preview-scroll lake-json" data-testid="preview-json">
      {records.map((record) => JSON.stringify(record)).join('\n')}
    </pre>
  );
}
