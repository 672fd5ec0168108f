import { useEffect, useRef, useState } from 'react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor } from './editor-context';
import { selectDirty, selectDocument } from './editor-store';
import { withoutTypedSecrets } from './draft-secrets';
import { clearDraft, writeDraft, type StoredDraft } from './draft-storage';

const WRITE_DELAY_MS = 400;

/** Mirrors the unsaved draft, less its typed secrets, into localStorage; returns whether the browser refused to keep it. */
export function useDraftPersistence(pipelineId: string, catalog: DesignerCatalog): { storageRefused: boolean } {
  const document = useEditor(selectDocument);
  const dirty = useEditor(selectDirty);
  const baseVersion = useEditor((s) => s.saved.version);
  const [storageRefused, setStorageRefused] = useState(false);
  const wasDirty = useRef(false);

  const stored = (): StoredDraft => ({ baseVersion, savedAt: new Date().toISOString(), ...withoutTypedSecrets(document, catalog) });

  useEffect(() => {
    // Only a draft this editor wrote is cleared (after a save or undo back to the saved
    // version): a draft left by an earlier session waits for the user's decision.
    if (!dirty) {
      if (wasDirty.current) clearDraft(pipelineId);
      wasDirty.current = false;
      return;
    }
    wasDirty.current = true;
    const timer = setTimeout(() => setStorageRefused(!writeDraft(pipelineId, stored())), WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pipelineId, document, dirty, baseVersion, catalog]);

  // Leaving right after an edit: write now rather than lose the last keystrokes.
  useEffect(() => {
    if (!dirty) return;
    const flush = () => writeDraft(pipelineId, stored());
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [pipelineId, document, dirty, baseVersion, catalog]);

  return { storageRefused };
}
