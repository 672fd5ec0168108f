import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import '../../styles/designer.css';
import { canonicalPipelineJson } from '@duto/model';
import { api, ApiRequestError, describeError, type PipelineDetail } from '../../api/client';
import { Link } from '../../app/Link';
import { useCatalog } from '../../catalog/useCatalog';
import { Designer } from '../../designer/Designer';
import { readDraft, type StoredDraft } from '../../state/draft-storage';
import { EditorProvider } from '../../state/EditorProvider';
import { Notice } from '../../ui/Notice';

type Loaded = { detail: PipelineDetail; draft?: StoredDraft } | { problem: string; notFound: boolean };

/** The designer route: loads the catalog and the pipeline, then hands both to the editor. */
export default function DesignerPage({ pipelineId }: { pipelineId: string }) {
  const { catalog, problem: catalogProblem } = useCatalog();
  const [loaded, setLoaded] = useState<Loaded>();

  const load = useCallback(async () => {
    setLoaded(undefined);
    try {
      const detail = await api.getPipeline(pipelineId);
      const draft = readDraft(pipelineId);
      // A draft equal to the server's newest version is nothing to offer.
      const differs = draft && canonicalPipelineJson(draft.document) !== canonicalPipelineJson(detail.document);
      setLoaded(differs ? { detail, draft } : { detail });
    } catch (error) {
      setLoaded({ problem: describeError(error), notFound: error instanceof ApiRequestError && error.status === 404 });
    }
  }, [pipelineId]);

  useEffect(() => void load(), [load]);

  const problem = catalogProblem ?? (loaded && 'problem' in loaded ? loaded.problem : undefined);
  if (problem) {
    const notFound = loaded !== undefined && 'notFound' in loaded && loaded.notFound;
    return (
      <main className="page">
        <Notice tone="error">
          <p>{notFound ? `There is no pipeline with the id “${pipelineId}”.` : `The designer could not open: ${problem}`}</p>
          <p>
            <Link href="/">Back to the pipelines</Link>
            {!notFound && (
              <>
                {' · '}
                <button type="button" className="link-button" onClick={() => window.location.reload()}>
                  Try again
                </button>
              </>
            )}
          </p>
        </Notice>
      </main>
    );
  }
  if (!catalog || !loaded || !('detail' in loaded)) {
    return (
      <main className="designer designer-loading" aria-busy="true">
        <p className="muted">Opening the pipeline…</p>
      </main>
    );
  }
  return (
    <EditorProvider pipelineId={pipelineId} document={loaded.detail.document} version={loaded.detail.version}>
      <ReactFlowProvider>
        <Designer pipelineId={pipelineId} catalog={catalog} offeredDraft={loaded.draft} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
