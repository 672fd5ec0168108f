import type { NodeTypes } from '@xyflow/react';
import { StageNodeView } from './StageNodeView';

/** Defined once at module level: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { stage: StageNodeView };
