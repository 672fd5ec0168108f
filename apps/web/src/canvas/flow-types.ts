import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { StageNode } from '@duto/model';
import type { StageLook } from '../catalog/stage-catalog';
import type { LocatedIssue } from '../validation/located-issue';

/** What the one generic node component needs to draw any stage. */
export type StageNodeData = {
  stage: StageNode;
  look: StageLook;
  /** Named outputs; undefined for a stage with a single output or none. */
  lanes: readonly string[] | undefined;
  /** Lanes that edges still use but the config no longer declares: drawn so the edge stays visible. */
  staleLanes: readonly string[];
  issues: readonly LocatedIssue[];
  readOnly: boolean;
};

export type StageFlowNode = FlowNode<StageNodeData, 'stage'>;

export type ConnectionData = { lane?: string };

export type ConnectionFlowEdge = FlowEdge<ConnectionData, 'connection'>;

export const STAGE_NODE_WIDTH = 220;
export const STAGE_NODE_HEIGHT = 72;
