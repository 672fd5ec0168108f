import { useMemo } from 'react';
import { fieldMark, cellText, type Side } from './field-marks';
import { fieldColumns, flattenFields, type PreviewRecord, type RecordPair } from './record-diff';

interface RecordTableProps {
  pairs: readonly RecordPair[];
  showInput: boolean;
  showOutput: boolean;
}

/** A stage's records as one table: each row an input and what it became, side by side, changed fields marked. */
export function RecordTable({ pairs, showInput, showOutput }: RecordTableProps) {
  const inputColumns = useMemo(() => fieldColumns(pairs.map((p) => p.input)), [pairs]);
  const outputColumns = useMemo(() => fieldColumns(pairs.map((p) => p.output)), [pairs]);
  const withLanes = pairs.some((p) => p.lane !== undefined);
  return (
    <div className="record-table-scroll">
      <table className="record-table" data-testid="preview-table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="record-index">
              #
            </th>
            {showInput && (
              <th scope="colgroup" colSpan={Math.max(1, inputColumns.length)} className="record-side">
                Input
              </th>
            )}
            {showOutput && (
              <th scope="colgroup" colSpan={Math.max(1, outputColumns.length) + (withLanes ? 1 : 0)} className="record-side record-side-output">
                Output
              </th>
            )}
          </tr>
          <tr>
            {showInput && <ColumnHeads columns={inputColumns} />}
            {showOutput && withLanes && <th scope="col" className="record-side-output">lane</th>}
            {showOutput && <ColumnHeads columns={outputColumns} output />}
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair, index) => (
            <tr key={index} data-testid="preview-row">
              <th scope="row" className="record-index">
                {index + 1}
              </th>
              {showInput && <RecordCells record={pair.input} columns={inputColumns} pair={pair} side="input" />}
              {showOutput && withLanes && <td className="record-lane record-side-output">{pair.lane ?? ''}</td>}
              {showOutput && <RecordCells record={pair.output} columns={outputColumns} pair={pair} side="output" />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnHeads({ columns, output = false }: { columns: readonly string[]; output?: boolean }) {
  if (columns.length === 0) return <th scope="col" className={output ? 'record-side-output' : undefined} />;
  return columns.map((column, i) => (
    <th key={column} scope="col" className={output && i === 0 ? 'record-side-output' : undefined}>
      {column}
    </th>
  ));
}

function RecordCells({ record, columns, pair, side }: { record: PreviewRecord | undefined; columns: readonly string[]; pair: RecordPair; side: Side }) {
  const fields = useMemo(() => (record ? flattenFields(record.value) : undefined), [record]);
  const edge = side === 'output' ? 'record-side-output' : '';
  if (!fields) {
    return (
      <td colSpan={Math.max(1, columns.length)} className={`record-absent ${edge}`}>
        {side === 'output' ? 'not passed on' : '—'}
      </td>
    );
  }
  if (columns.length === 0) return <td className={edge} />;
  return columns.map((column, i) => {
    const mark = fieldMark(pair.changes.get(column), side);
    const text = cellText(fields.get(column));
    const classes = [i === 0 ? edge : '', mark?.className ?? '', fields.has(column) ? '' : 'field-missing'].filter(Boolean).join(' ');
    return (
      <td key={column} className={classes || undefined} title={text} data-testid={mark?.testable ? 'changed-field' : undefined} data-field={mark ? column : undefined} data-change={mark?.label}>
        {text}
        {mark && <span className="visually-hidden"> ({mark.label})</span>}
      </td>
    );
  });
}
