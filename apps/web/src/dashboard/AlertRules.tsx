import { useState } from 'react';
import type { Alert, AlertKind, AlertRuleBody } from '@duto/model';
import { useCan } from '../auth/useCan';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FormProblem } from '../ui/FormProblem';
import { IconButton } from '../ui/IconButton';
import { useFormSubmit } from '../ui/useFormSubmit';
import { describeAlert } from './useAlerts';

interface AlertRulesProps {
  alerts: readonly Alert[] | undefined;
  problem: string | undefined;
  onCreate: (rule: AlertRuleBody) => Promise<void>;
  onDelete: (alertId: string) => Promise<void>;
}

/** The pipeline's alert rules: each with whether it fires; add one, delete one. */
export function AlertRules({ alerts, problem, onCreate, onDelete }: AlertRulesProps) {
  const [kind, setKind] = useState<AlertKind>('error-rate-above');
  const [threshold, setThreshold] = useState('1');
  const [forSeconds, setForSeconds] = useState('60');
  const [deleting, setDeleting] = useState<Alert>();
  const mayManage = useCan('manageAlerts');

  const { busy, problem: formProblem, onSubmit } = useFormSubmit(async () => {
    const rule = { kind, threshold: Number(threshold), forSeconds: Number(forSeconds) };
    if (!(rule.threshold >= 0) || !Number.isInteger(rule.forSeconds) || rule.forSeconds < 0) {
      throw new Error('The threshold must be a number of zero or more, and the time whole seconds.');
    }
    await onCreate(rule);
  });

  return (
    <section className="chart-card alert-rules" aria-label="Alert rules" data-testid="alert-rules">
      <h2 className="chart-title">Alert rules</h2>
      {problem && <p className="inline-problem">{problem}</p>}
      {alerts && alerts.length === 0 && <p className="muted small">No alert rules yet. Add one to be told when errors pile up or the flow slows down.</p>}
      <ul className="alert-rule-list">
        {alerts?.map((a) => (
          <li key={a.id} className={a.firing ? 'alert-rule is-firing' : 'alert-rule'} data-testid="alert-rule" data-firing={a.firing}>
            <span>{describeAlert(a)}</span>
            <span className={a.firing ? 'tag tag-danger' : 'tag'}>{a.firing ? 'firing' : 'quiet'}</span>
            {mayManage && <IconButton icon="trash" label={`Delete the alert “${describeAlert(a)}”`} onClick={() => setDeleting(a)} data-testid="delete-alert" />}
          </li>
        ))}
      </ul>
      {mayManage && (
        <form className="alert-rule-form" onSubmit={onSubmit} aria-label="New alert rule">
          <label className="field">
            <span className="field-label">When</span>
            <select className="input" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)} data-testid="alert-kind">
              <option value="error-rate-above">errors per second are above</option>
              <option value="throughput-below">records per second are below</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Threshold (per second)</span>
            <input className="input" type="number" min={0} step="any" value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="alert-threshold" required />
          </label>
          <label className="field">
            <span className="field-label">For (seconds)</span>
            <input className="input" type="number" min={0} step={1} value={forSeconds} onChange={(e) => setForSeconds(e.target.value)} data-testid="alert-for" required />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="add-alert">
            Add alert
          </button>
        </form>
      )}
      <FormProblem problem={formProblem} />
      {deleting && (
        <ConfirmDialog title="Delete this alert rule?" confirmText="Delete" danger onClose={() => setDeleting(undefined)} onConfirm={() => onDelete(deleting.id)}>
          <p>{describeAlert(deleting)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
