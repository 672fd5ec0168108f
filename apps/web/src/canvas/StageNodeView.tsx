import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { StageIcon } from '../stage-look/StageIcon';
import { StageCounters } from '../run/StageCounters';
import type { StageFlowNode } from './flow-types';

/**
 * The one node component for every stage type. What differs between types comes from
 * the catalog as data: icon, category colour, and whether there are inputs, one output,
 * or named lanes.
 */
function StageNodeComponent({ id, data, selected }: NodeProps<StageFlowNode>) {
  const { stage, look, lanes, staleLanes, issues } = data;
  const hasInput = look.category !== 'origin';
  const hasOutput = look.category !== 'destination';
  const outputs = lanes === undefined && staleLanes.length === 0 ? undefined : [...(lanes ?? []), ...staleLanes];
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = outputs?.join('\n') ?? '';

  // Lanes come and go with the config: React Flow must measure the new handles. Not on
  // mount: React Flow measures new nodes itself, and an early call would fit the view
  // to the nodes measured so far.
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);

  const title = stage.label ?? look.label;
  return (
    <div
      className={`stage-node cat-${look.category}${selected ? ' is-selected' : ''}${issues.length > 0 ? ' has-issues' : ''}`}
      data-testid="stage-node"
      data-stage-id={stage.id}
      data-stage-type={stage.type}
      aria-label={`${title} (${look.label}, id ${stage.id})${issues.length > 0 ? `, ${issues.length} problem(s)` : ''}`}
    >
      {hasInput && <Handle type="target" position={Position.Left} className="stage-handle" data-testid="handle-in" />}
      <div className="stage-node-header">
        <StageIcon look={look} size={18} />
        <div className="stage-node-titles">
          <div className="stage-node-title">{title}</div>
          <div className="stage-node-subtitle">{look.category === 'unknown' ? `unknown type ${stage.type}` : stage.id}</div>
        </div>
        {issues.length > 0 && (
          <span className="stage-issue" data-testid="stage-issue" title={issues.map((i) => i.message).join('\n')}>
            {issues.length}
          </span>
        )}
      </div>
      <StageCounters stageId={stage.id} />
      {hasOutput && outputs === undefined && (
        <Handle type="source" position={Position.Right} className="stage-handle" data-testid="handle-out" />
      )}
      {hasOutput && outputs !== undefined && (
        <ul className="stage-lanes" aria-label="Lanes">
          {outputs.map((lane) => {
            const stale = !lanes?.includes(lane);
            return (
              <li key={lane} className={stale ? 'stage-lane is-stale' : 'stage-lane'} title={stale ? `lane "${lane}" is no longer configured` : `lane ${lane}`}>
                <span className="stage-lane-name">{lane}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={lane}
                  className="stage-handle stage-lane-handle"
                  data-testid="handle-out"
                  data-lane={lane}
                  isConnectable={!stale && !data.readOnly}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const StageNodeView = memo(StageNodeComponent);
