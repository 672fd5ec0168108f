import { useEffect, useRef, useState } from 'react';
import { useEditor } from './editor-context';
import { selectDirty, selectDocument } from './editor-store';
import { clearDraft, writeDraft } from './draft-storage';

const WRITE_DELAY_MS = 400;

/** Mirrors the unsaved draft into localStorage; returns whether the browser refused to keep it. */
export function useDraftPersistence(pipelineId: string): { storageRefused: boolean } {
  const document = useEditor(selectDocument);
  const dirty = useEditor(selectDirty);
  const baseVersion = useEditor((s) => s.saved.version);
  const [storageRefused, setStorageRefused] = useState(false);
  const wasDirty = useRef(false);

  useEffect(() => {
    // Only a draft this editor wrote is cleared (after a save or undo back to the saved
    // version): a draft left by an earlier session waits for the user's decision.
    if (!dirty) {
      if (wasDirty.current) clearDraft(pipelineId);
      wasDirty.current = false;
      return;
    }
    wasDirty.current = true;
    const timer = setTimeout(() => {
      setStorageRefused(!writeDraft(pipelineId, { baseVersion, savedAt: new Date().toISOString(), document }));
    }, WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pipelineId, document, dirty, baseVersion]);

  // Leaving right after an edit: write now rather than lose the last keystrokes.
  useEffect(() => {
    if (!dirty) return;
    const flush = () => writeDraft(pipelineId, { baseVersion, savedAt: new Date().toISOString(), document });
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [pipelineId, document, dirty, baseVersion]);

  return { storageRefused };
}
