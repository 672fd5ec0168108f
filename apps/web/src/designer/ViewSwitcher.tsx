import { Link } from '../app/Link';
import { pipelineHref, type DesignerView } from '../app/router';

const VIEWS: ReadonlyArray<{ view: DesignerView; title: string }> = [
  { view: 'design', title: 'Design' },
  { view: 'dashboard', title: 'Dashboard' },
  { view: 'errors', title: 'Error records' },
];

/** The pipeline's views, as links: each has its address, so a reload or a bookmark returns to it. */
export function ViewSwitcher({ pipelineId, view }: { pipelineId: string; view: DesignerView }) {
  return (
    <nav className="view-switcher" aria-label="Pipeline views">
      {VIEWS.map((v) => (
        <Link key={v.view} href={pipelineHref(pipelineId, v.view)} className="view-link" aria-current={v.view === view ? 'page' : undefined} data-testid={`view-${v.view}`}>
          {v.title}
        </Link>
      ))}
    </nav>
  );
}
