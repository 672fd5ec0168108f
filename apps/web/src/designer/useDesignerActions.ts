import { useCallback, useState } from 'react';
import { api, describeError } from '../api/client';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditorStore } from '../state/editor-context';
import { locateIssues } from '../validation/located-issue';
import type { NoticeItem } from '../ui/useNotices';
import { useSave } from './useSave';

type Notify = (tone: NoticeItem['tone'], text: string) => void;

/**
 * Save, validate, reload and restore, each telling the user how it went. Nothing here
 * drops the draft on a failure: it stays in the editor and in localStorage.
 */
export function useDesignerActions(pipelineId: string, catalog: DesignerCatalog, notify: Notify, showProblems: () => void) {
  const store = useEditorStore();
  const { save, saving } = useSave(pipelineId, catalog);
  const [conflict, setConflict] = useState<string>();
  const [validating, setValidating] = useState(false);

  const saveNow = useCallback(
    async (force = false): Promise<boolean> => {
      const outcome = await save({ force });
      switch (outcome.kind) {
        case 'saved':
          notify('success', `Saved as version ${outcome.version}.`);
          return true;
        case 'unchanged':
          return true;
        case 'invalid':
          notify('error', `Not saved: fix the ${outcome.count === 1 ? 'problem' : `${outcome.count} problems`} first. Your draft is kept in this browser.`);
          showProblems();
          return false;
        case 'conflict':
          setConflict(outcome.message);
          return false;
        case 'failed':
          notify('error', `Not saved: ${outcome.message}`);
          return false;
      }
    },
    [save, notify, showProblems],
  );

  const reload = useCallback(async () => {
    try {
      const detail = await api.getPipeline(pipelineId);
      store.getState().load(detail.document, detail.version);
      setConflict(undefined);
      notify('info', `Reloaded version ${detail.version}.`);
    } catch (error) {
      notify('error', `Could not reload: ${describeError(error)}`);
    }
  }, [pipelineId, store, notify]);

  /** The server checks both the saved version and a changed draft, with every rule of the stages. */
  const validate = useCallback(async () => {
    const { history, saved, setIssues } = store.getState();
    const document = history.present;
    setValidating(true);
    try {
      const issues =
        document === saved.document
          ? locateIssues((await api.validate(pipelineId)).issues, document)
          : locateIssues((await api.validateDraft(document)).issues, document);
      setIssues(issues, document === saved.document ? 'server' : 'draft', document);
      if (issues.length === 0) notify('success', 'No problems found.');
      else showProblems();
    } catch (error) {
      notify('error', `Could not validate: ${describeError(error)}`);
    } finally {
      setValidating(false);
    }
  }, [pipelineId, store, notify, showProblems]);

  const restore = useCallback(
    async (version: number) => {
      const document = await api.versionDocument(pipelineId, version);
      const saved = await api.savePipeline(pipelineId, document, store.getState().saved.version);
      store.getState().load(document, saved.version);
      notify('success', `Version ${version} restored as version ${saved.version}.`);
    },
    [pipelineId, store, notify],
  );

  return { saveNow, saving, validate, validating, reload, restore, conflict, dismissConflict: () => setConflict(undefined) };
}
