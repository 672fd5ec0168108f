import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge as FlowEdge, type OnDelete } from '@xyflow/react';
import { stageLanes } from '@duto/model';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useTheme } from '../app/theme';
import { addEdge, removeElements } from '../state/document-ops';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { STAGE_DRAG_TYPE } from '../palette/palette-groups';
import { connectionProblem, type StageFacts } from './connection-rules';
import { edgeTypes } from './edge-types';
import { STAGE_NODE_HEIGHT, STAGE_NODE_WIDTH, type ConnectionFlowEdge, type StageFlowNode } from './flow-types';
import { nodeTypes } from './node-types';
import { useFlowElements } from './useFlowElements';

interface DesignerCanvasProps {
  catalog: DesignerCatalog;
  readOnly: boolean;
  /** The canvas shares its space (with the preview panel): the overview map would cover too much of it. */
  compact: boolean;
  onAddStage: (type: string, at: { x: number; y: number }) => void;
}

const DELETE_KEYS = ['Delete', 'Backspace'];

/** The canvas: React Flow over the editor's document. */
export function DesignerCanvas({ catalog, readOnly, compact, onAddStage }: DesignerCanvasProps) {
  const store = useEditorStore();
  const flow = useReactFlow<StageFlowNode, ConnectionFlowEdge>();
  const { theme } = useTheme();
  const { nodes, edges, onNodesChange, onEdgesChange } = useFlowElements(catalog, readOnly);
  const empty = useEditor((s) => selectDocument(s).stages.length === 0);
  const focus = useEditor((s) => s.focus);
  // Fit the opened pipeline once; an empty one keeps the plain view, or the first stage
  // dropped would be zoomed and moved under the pointer.
  const [fitOnOpen] = useState(() => !empty);

  const facts = useCallback((): StageFacts => {
    const document = store.getState().history.present;
    const byId = new Map(document.stages.map((s) => [s.id, s]));
    return {
      categoryOf: (id) => {
        const stage = byId.get(id);
        return stage ? (catalog.entry(stage.type)?.category ?? 'unknown') : undefined;
      },
      lanesOf: (id) => {
        const stage = byId.get(id);
        const definition = stage && catalog.catalog.get(stage.type);
        return stage && definition ? stageLanes(definition, stage.config) : undefined;
      },
    };
  }, [store, catalog]);

  const isValidConnection = useCallback(
    (connection: Connection | FlowEdge) => connectionProblem(store.getState().history.present, facts(), connection) === undefined,
    [store, facts],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const document = store.getState().history.present;
      if (connectionProblem(document, facts(), connection) !== undefined) return;
      const lane = connection.sourceHandle ?? undefined;
      store.getState().edit((doc) => addEdge(doc, lane === undefined ? { from: connection.source, to: connection.target } : { from: connection.source, to: connection.target, lane }));
    },
    [store, facts],
  );

  const onDelete = useCallback<OnDelete<StageFlowNode, ConnectionFlowEdge>>(
    ({ nodes: removedNodes, edges: removedEdges }) => {
      store.getState().edit((doc) => removeElements(doc, new Set(removedNodes.map((n) => n.id)), new Set(removedEdges.map((e) => e.id))));
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(STAGE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(STAGE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      onAddStage(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onAddStage],
  );

  // A jump from the problems list: bring the stage to the middle of the view.
  useEffect(() => {
    if (focus?.stageId === undefined) return;
    const node = flow.getNode(focus.stageId);
    if (!node) return;
    const width = node.measured?.width ?? STAGE_NODE_WIDTH;
    const height = node.measured?.height ?? STAGE_NODE_HEIGHT;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  }, [focus, flow]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas" data-read-only={readOnly || undefined}>
      <ReactFlow<StageFlowNode, ConnectionFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        connectionRadius={28}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2}
        fitView={fitOnOpen}
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        defaultEdgeOptions={{ type: 'connection' }}
        proOptions={{ hideAttribution: true }}
        aria-label="Pipeline canvas"
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
        {!compact && <MiniMap pannable zoomable nodeClassName={(node) => `minimap-node cat-${(node as StageFlowNode).data.look.category}`} position="bottom-right" ariaLabel="Overview of the pipeline" />}
      </ReactFlow>
      {empty && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <h2>An empty pipeline</h2>
          <p>Drag an origin from the palette onto the canvas, then processors and destinations, and connect their handles.</p>
          <p className="muted">Keyboard: press / to search the palette, then Enter to add a stage.</p>
        </div>
      )}
    </div>
  );
}
