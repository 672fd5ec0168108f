import type { ReactNode } from 'react';
import { fieldMark, type Side } from './field-marks';
import type { FieldChange, PreviewRecord } from './record-diff';

/** A record as indented JSON, its changed fields marked like the table's cells. */
export function RecordJson({ record, changes, side }: { record: PreviewRecord; changes: ReadonlyMap<string, FieldChange>; side: Side }) {
  return (
    <pre className="record-json" data-testid={`preview-json-${side}`}>
      {renderValue(record.value, '', 0, changes, side)}
      {Object.keys(record.attributes).length > 0 && (
        <span className="record-json-attributes">{`\nattributes ${JSON.stringify(record.attributes, null, 2)}`}</span>
      )}
    </pre>
  );
}

function renderValue(value: unknown, path: string, depth: number, changes: ReadonlyMap<string, FieldChange>, side: Side): ReactNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    return JSON.stringify(value);
  }
  const pad = '  '.repeat(depth + 1);
  const entries = Object.entries(value);
  return (
    <>
      {'{\n'}
      {entries.map(([key, child], index) => {
        const childPath = path === '' ? key : `${path}.${key}`;
        const mark = fieldMark(changes.get(childPath), side);
        const line = (
          <>
            {`${JSON.stringify(key)}: `}
            {renderValue(child, childPath, depth + 1, changes, side)}
          </>
        );
        return (
          <span key={key}>
            {pad}
            {mark ? (
              <mark className={mark.className} data-testid={mark.testable ? 'changed-field' : undefined} data-field={childPath} data-change={mark.label}>
                {line}
                <span className="visually-hidden"> ({mark.label})</span>
              </mark>
            ) : (
              line
            )}
            {index < entries.length - 1 ? ',\n' : '\n'}
          </span>
        );
      })}
      {`${'  '.repeat(depth)}}`}
    </>
  );
}
