import { useEffect } from 'react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { locateIssues } from './located-issue';
import { api } from '../api/client';
import { useCan } from '../auth/useCan';

const SETTLE_MS = 250;

/**
 * Checks the draft in the browser with the model's validator whenever it settles, so a
 * badge appears as soon as a stage is wrong and goes as soon as it is fixed. A draft the
 * browser finds clean is also sent to the server's check: only there do the stages'
 * cross-field rules run (they are code, and the catalog sent to the browser is data).
 */
export function useDraftValidation(catalog: DesignerCatalog): void {
  const store = useEditorStore();
  const document = useEditor(selectDocument);
  // Checking a draft is a designer's call (editor); a viewer's browser check stands alone.
  const mayCheckDrafts = useCan('design');
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const result = catalog.validate(document);
      store.getState().setIssues(locateIssues(result.issues, document), 'draft', document);
      if (!result.valid || !mayCheckDrafts) return;
      api.validateDraft(document).then(
        (report) => {
          if (current && report.issues.length > 0) store.getState().setIssues(locateIssues(report.issues, document), 'draft', document);
        },
        // The server being away is reported by the save and run controls; the browser check stands.
        () => undefined,
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalog, document, store, mayCheckDrafts]);
}
