import { useRunStore } from './run-store';
import { exactCount, formatCount } from '../format/count';

/** In / out / errors of one stage from the latest metrics; nothing before a run has counted. */
export function StageCounters({ stageId }: { stageId: string }) {
  const inCount = useRunStore((s) => s.metrics?.stages[stageId]?.in);
  const outCount = useRunStore((s) => s.metrics?.stages[stageId]?.out);
  const errors = useRunStore((s) => s.metrics?.stages[stageId]?.errors);
  if (inCount === undefined || outCount === undefined) return null;
  return (
    <div className="stage-counters" data-testid="stage-counters" title={`in ${exactCount(inCount)} · out ${exactCount(outCount)} · errors ${exactCount(errors ?? 0)}`}>
      <span>in {formatCount(inCount)}</span>
      <span>out {formatCount(outCount)}</span>
      {errors !== undefined && errors > 0 && <span className="stage-counters-errors">err {formatCount(errors)}</span>}
    </div>
  );
}
