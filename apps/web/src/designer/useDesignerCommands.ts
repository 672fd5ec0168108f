import { useCallback, useMemo, useRef } from 'react';
import { useReactFlow, type XYPosition } from '@xyflow/react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { defaultValue, type JsonSchema } from '../config-form/json-schema';
import { layoutLeftToRight } from '../canvas/auto-layout';
import { newStage } from '../canvas/flow-mapping';
import { STAGE_NODE_HEIGHT, STAGE_NODE_WIDTH, type StageFlowNode } from '../canvas/flow-types';
import { clipboardText, copySelection, parseClipboardText, prepareStagesToPaste, PASTE_OFFSET, type ClipboardContent } from '../state/clipboard';
import { addStages, moveStages, removeElements, stageIds } from '../state/document-ops';
import { useEditorStore } from '../state/editor-context';
import { newStageId } from '../state/stage-ids';

/**
 * Everything the toolbar, the palette, the keyboard and the context of the canvas can
 * ask of the designer, in one place, so that a button and its shortcut do the same.
 */
export function useDesignerCommands(catalog: DesignerCatalog, readOnly: boolean) {
  const store = useEditorStore();
  const flow = useReactFlow<StageFlowNode>();
  const clipboard = useRef<ClipboardContent | undefined>(undefined);
  const pasteCount = useRef(0);

  const addStage = useCallback(
    (type: string, at?: XYPosition) => {
      const entry = catalog.entry(type);
      if (!entry || readOnly) return;
      const { edit, select } = store.getState();
      const document = store.getState().history.present;
      const id = newStageId(type, stageIds(document));
      const config = (defaultValue(entry.configSchema as JsonSchema) ?? {}) as Record<string, unknown>;
      const position = at ?? freeSpotNearCentre(flow.screenToFlowPosition(viewportCentre()), document.stages.map((s) => s.position));
      edit((doc) => addStages(doc, [newStage(id, type, config, { x: position.x - STAGE_NODE_WIDTH / 2, y: position.y - STAGE_NODE_HEIGHT / 2 })]));
      select({ stages: new Set([id]), edges: new Set() });
    },
    [catalog, readOnly, store, flow],
  );

  const deleteSelection = useCallback(() => {
    if (readOnly) return;
    const { selection, edit } = store.getState();
    edit((doc) => removeElements(doc, selection.stages, selection.edges));
  }, [readOnly, store]);

  /** Copies the selected stages; returns the text for the system clipboard, or undefined when nothing is selected. */
  const copy = useCallback(() => {
    const { history, selection } = store.getState();
    const content = copySelection(history.present, selection.stages);
    if (!content) return undefined;
    clipboard.current = content;
    pasteCount.current = 0;
    return clipboardText(content);
  }, [store]);

  /** Pastes stages copied here, or `systemText` when it holds stages copied in another tab. */
  const paste = useCallback(
    (systemText?: string) => {
      if (readOnly) return;
      const fromSystem = systemText === undefined ? undefined : parseClipboardText(systemText);
      const content = fromSystem ?? clipboard.current;
      if (!content) return;
      pasteCount.current += 1;
      const { edit, select } = store.getState();
      const prepared = prepareStagesToPaste(store.getState().history.present, content, PASTE_OFFSET * pasteCount.current);
      edit((doc) => addStages(doc, prepared.stages, prepared.edges));
      select({ stages: new Set(prepared.stages.map((s) => s.id)), edges: new Set() });
    },
    [readOnly, store],
  );

  const cut = useCallback(() => {
    if (readOnly) return undefined;
    const text = copy();
    if (text !== undefined) deleteSelection();
    return text;
  }, [readOnly, copy, deleteSelection]);

  const selectAll = useCallback(() => {
    const document = store.getState().history.present;
    store.getState().select({ stages: stageIds(document), edges: new Set() });
  }, [store]);

  const autoLayout = useCallback(() => {
    if (readOnly) return;
    const document = store.getState().history.present;
    const sizes = new Map(
      flow.getNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const] : [])),
    );
    store.getState().edit((doc) => moveStages(doc, layoutLeftToRight(document, sizes)));
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 300 }));
  }, [readOnly, store, flow]);

  const fit = useCallback(() => void flow.fitView({ padding: 0.15, duration: 300 }), [flow]);

  return useMemo(
    () => ({
      addStage,
      deleteSelection,
      copy,
      paste,
      cut,
      selectAll,
      autoLayout,
      fit,
      undo: () => store.getState().undo(),
      redo: () => store.getState().redo(),
    }),
    [addStage, deleteSelection, copy, paste, cut, selectAll, autoLayout, fit, store],
  );
}

function viewportCentre(): XYPosition {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  return pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
}

/** The centre, or the first spot below it that no stage covers, so keyboard-added stages do not pile up. */
function freeSpotNearCentre(centre: XYPosition, taken: ReadonlyArray<{ x: number; y: number } | undefined>): XYPosition {
  let spot = centre;
  for (let tries = 0; tries < 20; tries++) {
    const x = spot.x - STAGE_NODE_WIDTH / 2;
    const y = spot.y - STAGE_NODE_HEIGHT / 2;
    const covered = taken.some((p) => p && Math.abs(p.x - x) < STAGE_NODE_WIDTH && Math.abs(p.y - y) < STAGE_NODE_HEIGHT);
    if (!covered) return spot;
    spot = { x: spot.x + 30, y: spot.y + STAGE_NODE_HEIGHT + 20 };
  }
  return spot;
}
