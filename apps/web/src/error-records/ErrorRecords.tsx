import { useMemo, useState } from 'react';
import '../styles/monitoring.css';
import type { ReprocessResult } from '@duto/model';
import { api, describeError } from '../api/client';
import { useCan } from '../auth/useCan';
import { useEditor } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { downloadText } from '../ui/download';
import { IconButton } from '../ui/IconButton';
import { Notice } from '../ui/Notice';
import { TableHead } from '../ui/TableHead';
import { ErrorRecordRow } from './ErrorRecordRow';
import { describeReprocess, describeReprocessFailure } from './reprocess-outcome';
import { LIST_LIMIT, useErrorRecords } from './useErrorRecords';

type Outcome = { tone: 'success' | 'error'; text: string };

/**
 * The pipeline's error records: what failed, where and why, with the record as it was.
 * Select some to send back into the running pipeline once the config is fixed, or to
 * discard; download them all as JSON Lines.
 */
export default function ErrorRecords({ pipelineId }: { pipelineId: string }) {
  const document = useEditor(selectDocument);
  const mayReprocess = useCan('reprocess');
  const [stageId, setStageId] = useState<string>();
  const { records, problem, reload } = useErrorRecords(pipelineId, stageId);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const stageNames = useMemo(() => new Map(document.stages.map((s) => [s.id, s.label ? `${s.label} (${s.id})` : s.id])), [document.stages]);
  // Only records still listed count as selected: one re-processed elsewhere drops out.
  const chosen = useMemo(() => (records ?? []).filter((r) => selected.has(r.id)).map((r) => r.id), [records, selected]);
  const allChosen = records !== undefined && records.length > 0 && chosen.length === records.length;

  const toggle = (set: ReadonlySet<number>, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const act = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await action());
    } finally {
      setBusy(false);
      void reload();
    }
  };

  const reprocess = () =>
    act(async () => {
      try {
        const result: ReprocessResult = await api.reprocessErrorRecords(pipelineId, chosen);
        setSelected(new Set());
        return { tone: 'success', text: describeReprocess(result) };
      } catch (error) {
        return { tone: 'error', text: describeReprocessFailure(error) };
      }
    });

  const download = () =>
    act(async () => {
      try {
        const file = await api.exportErrorRecords(pipelineId, stageId);
        downloadText(file.fileName, file.text);
        return { tone: 'success', text: `Downloaded ${file.fileName}.` };
      } catch (error) {
        return { tone: 'error', text: `Could not download: ${describeError(error)}` };
      }
    });

  return (
    <div className="error-records" data-testid="error-records">
      <header className="error-records-bar">
        <h2>Error records</h2>
        <label className="field-inline">
          <span>Stage</span>
          <select className="input" value={stageId ?? ''} onChange={(e) => (setStageId(e.target.value || undefined), setSelected(new Set()))} data-testid="error-stage-filter">
            <option value="">Every stage</option>
            {document.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {stageNames.get(s.id)}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <IconButton icon="download" text="Download JSONL" label="Download the error records as JSON Lines" disabled={busy} onClick={() => void download()} data-testid="download-errors" />
        {mayReprocess && (
          <>
            <IconButton
              icon="play"
              text={`Re-process selected${chosen.length > 0 ? ` (${chosen.length})` : ''}`}
              label="Send the selected records back into the running pipeline"
              disabled={busy || chosen.length === 0}
              onClick={() => void reprocess()}
              data-testid="reprocess-errors"
            />
            <IconButton
              icon="trash"
              text="Discard selected"
              label="Delete the selected error records"
              variant="danger"
              disabled={busy || chosen.length === 0}
              onClick={() => setConfirmDiscard(true)}
              data-testid="discard-errors"
            />
          </>
        )}
      </header>
      <div aria-live="polite">
        {outcome && (
          <Notice tone={outcome.tone} onDismiss={() => setOutcome(undefined)} testId="error-records-outcome">
            {outcome.text}
          </Notice>
        )}
      </div>
      {problem && <Notice tone="error">{`The error records could not be loaded: ${problem}`}</Notice>}
      {!records && !problem && <p className="muted">Loading error records…</p>}
      {records?.length === 0 && (
        <div className="empty-state small" data-testid="error-records-empty">
          <p>No error records{stageId === undefined ? '' : ' for this stage'}.</p>
          <p className="muted">A record that fails in a stage lands here with the stage and the reason, when the pipeline’s “on record error” setting is error-lane.</p>
        </div>
      )}
      {records && records.length > 0 && (
        <div className="table-scroll">
          <table className="data-table error-table">
            <TableHead
              columns={[
                {
                  label: (
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={allChosen}
                      onChange={(e) => setSelected(e.target.checked ? new Set(records.map((r) => r.id)) : new Set())}
                      aria-label="Select every listed error record"
                      data-testid="select-all-errors"
                    />
                  ),
                  className: 'select-cell',
                },
                'Stage',
                'Time',
                'Reason',
                { label: 'Record', hidden: true },
              ]}
            />
            <tbody>
              {records.map((entry) => (
                <ErrorRecordRow
                  key={entry.id}
                  entry={entry}
                  stageName={stageNames.get(entry.stageId) ?? entry.stageId}
                  selected={selected.has(entry.id)}
                  expanded={expanded.has(entry.id)}
                  onSelect={(on) => setSelected((s) => toggle(s, entry.id, on))}
                  onExpand={() => setExpanded((s) => toggle(s, entry.id, !s.has(entry.id)))}
                />
              ))}
            </tbody>
          </table>
          {records.length === LIST_LIMIT && <p className="muted small">The newest {LIST_LIMIT} are listed; Download JSONL has them all.</p>}
        </div>
      )}
      {confirmDiscard && (
        <ConfirmDialog
          title={`Discard ${chosen.length} error ${chosen.length === 1 ? 'record' : 'records'}?`}
          confirmText="Discard"
          danger
          onClose={() => setConfirmDiscard(false)}
          onConfirm={async () => {
            const { discarded } = await api.discardErrorRecords(pipelineId, chosen);
            setSelected(new Set());
            setOutcome({ tone: 'success', text: `Discarded ${discarded} error ${discarded === 1 ? 'record' : 'records'}.` });
            await reload();
          }}
        >
          <p>They are deleted from the error store and cannot be re-processed afterwards. Download them first to keep a copy.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
