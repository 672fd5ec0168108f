import { exactCount, formatCount } from '../format/count';
import { useRunStore } from './run-store';

/**
 * The live record count on a connection: what its target stage has received. (The
 * metrics count per stage, not per lane, so a lane's edge shows its target's input.)
 * Drawn in SVG inside the edge's group, so the count belongs to its edge in the DOM too.
 */
export function EdgeCount({ targetStageId, x, y }: { targetStageId: string; x: number; y: number }) {
  const count = useRunStore((s) => s.metrics?.stages[targetStageId]?.in);
  if (count === undefined) return null;
  const text = formatCount(count);
  const width = 10 + text.length * 7.5;
  return (
    <g className="edge-count" data-testid="edge-count" data-count={count} transform={`translate(${x} ${y})`}>
      <title>{`${exactCount(count)} records`}</title>
      <rect x={-width / 2} y={-10} width={width} height={20} rx={10} />
      <text textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}
