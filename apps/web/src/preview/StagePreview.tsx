import { useMemo } from 'react';
import type { PreviewStage, StageCategory } from '@duto/model';
import { pairRecords } from './record-diff';
import { RecordJson } from './RecordJson';
import { RecordTable } from './RecordTable';

export type RecordView = 'table' | 'json';

interface StagePreviewProps {
  stage: PreviewStage;
  category: StageCategory | 'unknown';
  view: RecordView;
}

/** What one stage did in the preview: its records in and out, side by side, and those it sent to the error lane. */
export function StagePreview({ stage, category, view }: StagePreviewProps) {
  const pairs = useMemo(() => pairRecords(stage), [stage]);
  const showInput = category !== 'origin';
  const showOutput = category !== 'destination';
  return (
    <div className="stage-preview" data-testid="stage-preview" data-stage-id={stage.stageId}>
      <p className="stage-preview-counts" data-testid="stage-preview-counts">
        {showInput && <span>{stage.input.length} in</span>}
        {showOutput && <span>{stage.output.length} out</span>}
        <span className={stage.errors.length > 0 ? 'has-errors' : undefined}>{stage.errors.length} to the error lane</span>
        {category === 'destination' && <span className="muted">A preview writes to no destination: these records would have been written.</span>}
      </p>
      {pairs.length === 0 ? (
        <p className="muted">No records reached this stage.</p>
      ) : view === 'table' ? (
        <RecordTable pairs={pairs} showInput={showInput} showOutput={showOutput} />
      ) : (
        <ol className="record-pairs">
          {pairs.map((pair, index) => (
            <li key={index} className="record-pair" data-testid="preview-row">
              {showInput && <div className="record-pair-side">{pair.input ? <RecordJson record={pair.input} changes={pair.changes} side="input" /> : <p className="record-absent">—</p>}</div>}
              {showOutput && (
                <div className="record-pair-side">
                  {pair.lane !== undefined && <p className="record-lane">lane {pair.lane}</p>}
                  {pair.output ? <RecordJson record={pair.output} changes={pair.changes} side="output" /> : <p className="record-absent">not passed on</p>}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {stage.errors.length > 0 && (
        <section className="preview-errors" aria-label="Records sent to the error lane">
          <h3>Error lane</h3>
          <ol>
            {stage.errors.map((error, index) => (
              <li key={index} data-testid="preview-error">
                <p className="preview-error-reason">{error.reason}</p>
                <pre className="record-json">{JSON.stringify(error.record.value, null, 2)}</pre>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
