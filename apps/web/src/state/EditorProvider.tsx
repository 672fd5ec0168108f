import { useState, type ReactNode } from 'react';
import type { PipelineDocument } from '@duto/model';
import { EditorContext } from './editor-context';
import { createEditorStore } from './editor-store';

/** One editor per opened pipeline; the store lives as long as the designer does. */
export function EditorProvider({ pipelineId, document, version, children }: { pipelineId: string; document: PipelineDocument; version: number; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(pipelineId, document, version));
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}
