import { useCallback, useState } from 'react';
import { canonicalPipelineJson } from '@duto/model';
import { api, ApiRequestError, describeError } from '../api/client';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditorStore } from '../state/editor-context';
import { locateIssues } from '../validation/located-issue';

export type SaveOutcome =
  | { kind: 'saved'; version: number }
  | { kind: 'invalid'; count: number }
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'unchanged' };

/**
 * Save: check the draft, then PUT it with If-Match of the version it was based on. The
 * draft stays in the editor (and in localStorage) whatever goes wrong.
 */
export function useSave(pipelineId: string, catalog: DesignerCatalog) {
  const store = useEditorStore();
  const [saving, setSaving] = useState(false);

  const save = useCallback(
    async ({ force = false }: { force?: boolean } = {}): Promise<SaveOutcome> => {
      const { history, saved, setIssues, markSaved } = store.getState();
      const document = history.present;
      if (document === saved.document && !force) return { kind: 'unchanged' };
      const check = catalog.validate(document);
      if (!check.valid) {
        setIssues(locateIssues(check.issues, document), 'draft', document);
        return { kind: 'invalid', count: check.issues.length };
      }
      setSaving(true);
      try {
        const { version } = await api.savePipeline(pipelineId, document, force ? undefined : saved.version);
        const stored = await api.getPipeline(pipelineId).catch(() => undefined);
        if (stored?.version === version && canonicalPipelineJson(stored.document) !== canonicalPipelineJson(document)) {
          // The server moved typed passwords into its secret store and kept references: the
          // editor takes what was stored, so no password stays here (or in the undo history) as text.
          const { selection, load, select } = store.getState();
          load(stored.document, version);
          select(selection);
        } else {
          markSaved(document, version);
        }
        setIssues([], 'server', document);
        return { kind: 'saved', version };
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 409) return { kind: 'conflict', message: error.message };
        if (error instanceof ApiRequestError && error.status === 400) {
          setIssues(locateIssues(error.problems, document), 'server', document);
          return { kind: 'invalid', count: error.problems.length };
        }
        return { kind: 'failed', message: describeError(error) };
      } finally {
        setSaving(false);
      }
    },
    [pipelineId, catalog, store],
  );

  return { save, saving };
}
