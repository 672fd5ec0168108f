import { exactCount, formatCount } from '../format/count';
import { useLiveMetrics } from '../live/useLive';
import { usePreviewStore } from '../preview/preview-store';
import { useEditor } from '../state/editor-context';
import { countedSnapshot, edgeCount, previewEdgeCount } from './edge-count';

/**
 * The record count on a connection (see edgeCount): the preview's while preview mode
 * shows one, else the run's. Drawn in SVG inside the edge's group, so the count belongs
 * to its edge in the DOM too.
 */
export function EdgeCount({ source, lane, x, y }: { source: string; lane: string | undefined; x: number; y: number }) {
  const pipelineId = useEditor((s) => s.pipelineId);
  const preview = usePreviewStore((s) => (s.active ? previewEdgeCount(s.result, source, lane) : undefined));
  const live = useLiveMetrics(pipelineId, (snapshot) => edgeCount(countedSnapshot(snapshot), source, lane));
  const count = preview ?? live;
  if (count === undefined) return null;
  const text = formatCount(count);
  const width = 10 + text.length * 7.5;
  return (
    <g className={preview === undefined ? 'edge-count' : 'edge-count is-preview'} data-testid="edge-count" data-count={count} data-preview={preview !== undefined || undefined} transform={`translate(${x} ${y})`}>
      <title>{`${preview === undefined ? '' : 'Preview: '}${exactCount(count)} records${lane === undefined ? '' : ` to lane ${lane}`}`}</title>
      <rect x={-width / 2} y={-10} width={width} height={20} rx={10} />
      <text textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}
