import { Notice } from '../ui/Notice';
import { useDesignerPage } from './prefetch';

export function DesignerRoute({ pipelineId }: { pipelineId: string }) {
  const { Page, problem } = useDesignerPage();
  if (problem) {
    return (
      <main className="page">
        <Notice tone="error">{`The designer could not be loaded (${problem}). Check the connection to the server and reload the page.`}</Notice>
      </main>
    );
  }
  if (!Page) return <p className="page muted">Opening the designer…</p>;
  return <Page key={pipelineId} pipelineId={pipelineId} />;
}
