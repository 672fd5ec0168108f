import { useEffect } from 'react';
import { Link } from './Link';
import { parseRoute, usePathname } from './router';
import { ThemeToggle } from './ThemeToggle';
import { PipelinesPage } from '../pages/pipelines/PipelinesPage';
import { prefetchDesignerWhenIdle } from './prefetch';
import { DesignerRoute } from './DesignerRoute';

export function App() {
  const route = parseRoute(usePathname());
  useEffect(prefetchDesignerWhenIdle, []);
  return (
    <div className="app">
      <nav className="topbar" aria-label="Main">
        <Link href="/" className="brand">
          Duto
        </Link>
        <Link href="/" className="topbar-link" aria-current={route.name === 'pipelines' ? 'page' : undefined}>
          Pipelines
        </Link>
        <span className="topbar-spacer" />
        <ThemeToggle />
      </nav>
      {route.name === 'pipelines' && <PipelinesPage />}
      {route.name === 'designer' && (
        // The designer brings React Flow, dagre and the validator: a chunk of its own.
        <DesignerRoute pipelineId={route.pipelineId} />
      )}
      {route.name === 'not-found' && (
        <main className="page empty-state">
          <h1>Nothing at {route.path}</h1>
          <p>
            Go back to the <Link href="/">pipelines</Link>.
          </p>
        </main>
      )}
    </div>
  );
}
