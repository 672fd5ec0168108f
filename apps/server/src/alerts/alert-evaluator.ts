import type { Alert, MetricsSnapshot, PipelineStatus } from '@duto/model';
import type { RunListener } from '../runner/run-listener';
import type { AlertRule, AlertStore } from '../store/alert-store';

/** Told when an alert starts or stops firing. */
export type AlertChange = (alert: Alert, firing: boolean) => void;

interface Tracking {
  /** `at` of the first snapshot of the current unbroken stretch in which the condition held. */
  conditionSince?: number;
  firingSince?: number;
}

/**
 * Evaluates the alert rules on every live snapshot of a running pipeline. An alert fires
 * once its condition has held for `forSeconds` and clears as soon as it does not; alerts
 * only speak about running pipelines, so all of a pipeline's alerts clear when it leaves
 * RUNNING. Firing state lives in memory: after a restart it is worked out afresh.
 */
export class AlertEvaluator implements RunListener {
  private readonly tracking = new Map<string, Tracking>();
  private readonly lastErrors = new Map<string, { at: number; errors: number }>();

  constructor(
    private readonly store: AlertStore,
    private readonly onChange: AlertChange,
  ) {}

  onSnapshot(snapshot: MetricsSnapshot): void {
    if (snapshot.state !== 'RUNNING') return;
    const at = Date.parse(snapshot.at);
    const previous = this.lastErrors.get(snapshot.pipelineId);
    this.lastErrors.set(snapshot.pipelineId, { at, errors: snapshot.totals.errors });
    // Rates need two snapshots of the same run (counters only grow within a run); the first
    // snapshot of a run reports a rate of 0, which would fire every throughput alert.
    if (!previous || at <= previous.at || snapshot.totals.errors < previous.errors) return;
    const errorRate = (snapshot.totals.errors - previous.errors) / ((at - previous.at) / 1000);
    for (const rule of this.store.list(snapshot.pipelineId)) {
      const holds = rule.kind === 'error-rate-above' ? errorRate > rule.threshold : snapshot.totals.recordsPerSec < rule.threshold;
      this.evaluate(rule, holds, at);
    }
  }

  onState(pipelineId: string, status: PipelineStatus): void {
    if (status.state === 'RUNNING') return;
    this.lastErrors.delete(pipelineId);
    for (const rule of this.store.list(pipelineId)) this.clear(rule);
  }

  view(rule: AlertRule): Alert {
    const firingSince = this.tracking.get(rule.id)?.firingSince;
    return firingSince === undefined ? { ...rule, firing: false } : { ...rule, firing: true, since: new Date(firingSince).toISOString() };
  }

  firingCount(pipelineId: string): number {
    return this.store.list(pipelineId).filter((rule) => this.tracking.get(rule.id)?.firingSince !== undefined).length;
  }

  /** A deleted rule stops firing. */
  forget(rule: AlertRule): void {
    this.clear(rule);
  }

  private evaluate(rule: AlertRule, holds: boolean, at: number): void {
    if (!holds) return this.clear(rule);
    const tracking = this.tracking.get(rule.id) ?? {};
    tracking.conditionSince ??= at;
    this.tracking.set(rule.id, tracking);
    if (tracking.firingSince === undefined && at - tracking.conditionSince >= rule.forSeconds * 1000) {
      tracking.firingSince = at;
      this.onChange(this.view(rule), true);
    }
  }

  private clear(rule: AlertRule): void {
    const wasFiring = this.tracking.get(rule.id)?.firingSince !== undefined;
    this.tracking.delete(rule.id);
    if (wasFiring) this.onChange(this.view(rule), false);
  }
}
