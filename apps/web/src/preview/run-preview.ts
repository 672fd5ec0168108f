import type { ApiProblem, PipelineDocument, PreviewRequest } from '@duto/model';
import { api, ApiRequestError, describeError } from '../api/client';
import { locateIssues } from '../validation/located-issue';
import { parsePastedRecords } from './pasted-records';
import { usePreviewStore } from './preview-store';

/**
 * Runs a preview of `document` (the draft as it is now, saved or not) with the chosen
 * options. A newer run or a cancel supersedes it: its answer is then ignored. The last
 * result stays shown while the next one runs, so a re-run does not blank the panel.
 */
export async function runPreview(pipelineId: string, document: PipelineDocument): Promise<void> {
  const store = usePreviewStore;
  const { options, running } = store.getState();
  running?.abort();
  const body: PreviewRequest = { document: document as unknown as Record<string, unknown>, maxRecords: options.maxRecords, timeoutMs: options.timeoutMs };
  if (options.originId !== undefined) body.originId = options.originId;
  if (options.source === 'pasted') {
    const pasted = parsePastedRecords(options.pastedText);
    if ('problem' in pasted) {
      store.setState({ running: undefined, problems: undefined, failure: pasted.problem });
      return;
    }
    body.records = pasted.records;
  }
  const controller = new AbortController();
  store.setState({ running: controller, problems: undefined, failure: undefined });
  try {
    const result = await api.preview(pipelineId, body, controller.signal);
    if (store.getState().running === controller) store.setState({ running: undefined, result, ranOn: document });
  } catch (error) {
    if (store.getState().running !== controller) return;
    if (controller.signal.aborted) return store.setState({ running: undefined });
    if (error instanceof ApiRequestError && error.status === 400) {
      store.setState({ running: undefined, problems: locateIssues(error.problems.map(inDocument), document) });
    } else {
      store.setState({ running: undefined, failure: describeError(error) });
    }
  }
}

export function cancelPreview(): void {
  const { running } = usePreviewStore.getState();
  running?.abort();
  usePreviewStore.setState({ running: undefined });
}

/** A problem in the request's `document` is placed in the draft, where the designer can show it. */
function inDocument(problem: ApiProblem): ApiProblem {
  return problem.path.startsWith('/document/') ? { ...problem, path: problem.path.slice('/document'.length) } : problem;
}
