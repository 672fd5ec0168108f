import { exactCount, formatCount } from '../format/count';
import { useLiveMetrics } from '../live/useLive';
import { selectPreviewCounts, usePreviewStore } from '../preview/preview-store';
import { useEditor } from '../state/editor-context';
import { countedSnapshot } from './edge-count';

/**
 * In / out / errors of one stage on its node: the preview's while preview mode shows
 * one, else the latest run's. Nothing before either has counted.
 */
export function StageCounters({ stageId }: { stageId: string }) {
  const pipelineId = useEditor((s) => s.pipelineId);
  const preview = usePreviewStore(selectPreviewCounts(stageId));
  const live = useLiveMetrics(pipelineId, (snapshot) => {
    const stage = countedSnapshot(snapshot)?.stages[stageId];
    return stage && `${stage.in}:${stage.out}:${stage.errors}`;
  });
  const counts = preview ?? live;
  if (counts === undefined) return null;
  const [inCount, outCount, errors] = counts.split(':').map(Number) as [number, number, number];
  return (
    <div
      className={preview ? 'stage-counters is-preview' : 'stage-counters'}
      data-testid={preview ? 'preview-counters' : 'stage-counters'}
      data-in={inCount}
      data-out={outCount}
      data-errors={errors}
      title={`${preview ? 'Preview: ' : ''}in ${exactCount(inCount)} · out ${exactCount(outCount)} · errors ${exactCount(errors)}`}
    >
      <span>in {formatCount(inCount)}</span>
      <span>out {formatCount(outCount)}</span>
      {errors > 0 && <span className="stage-counters-errors">err {formatCount(errors)}</span>}
    </div>
  );
}
