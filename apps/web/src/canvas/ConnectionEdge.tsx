import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { EdgeCount } from '../run/EdgeCount';
import type { ConnectionFlowEdge } from './flow-types';

function ConnectionEdgeComponent(props: EdgeProps<ConnectionFlowEdge>) {
  const { id, source, target, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <g data-testid="edge" data-source-stage={source} data-target-stage={target} data-lane={data?.lane} className={selected ? 'connection is-selected' : 'connection'}>
      <BaseEdge id={id} path={path} {...(markerEnd === undefined ? {} : { markerEnd })} interactionWidth={18} />
      <EdgeCount source={source} lane={data?.lane} x={labelX} y={labelY} />
    </g>
  );
}

export const ConnectionEdge = memo(ConnectionEdgeComponent);
