import type { EdgeTypes } from '@xyflow/react';
import { ConnectionEdge } from './ConnectionEdge';

/** Module level for the same reason as nodeTypes: a stable object keeps edges mounted. */
export const edgeTypes: EdgeTypes = { connection: ConnectionEdge };
