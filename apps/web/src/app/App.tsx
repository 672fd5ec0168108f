import { lazy, Suspense, useEffect } from 'react';
import { Link } from './Link';
import { adminHref, parseRoute, usePathname } from './router';
import { ThemeToggle } from './ThemeToggle';
import { PipelinesPage } from '../pages/pipelines/PipelinesPage';
import { prefetchDesignerWhenIdle } from './prefetch';
import { DesignerRoute } from './DesignerRoute';
import { SessionGate } from '../auth/SessionGate';
import { UserMenu } from '../auth/UserMenu';
import { useCan } from '../auth/useCan';

/** The data-lake browser is a chunk of its own, loaded when first opened. */
const LakePage = lazy(() => import('../pages/lake/LakePage'));
/** So are the users, tokens, secrets and audit pages, which most visits never open. */
const AdminPage = lazy(() => import('../pages/admin/AdminPage'));

export function App() {
  return (
    <SessionGate>
      <Shell />
    </SessionGate>
  );
}

/** The top bar and the page of the address, for a logged-in user. */
function Shell() {
  const route = parseRoute(usePathname());
  const isAdmin = useCan('manageUsers');
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
        <Link href="/lake" className="topbar-link" aria-current={route.name === 'lake' ? 'page' : undefined}>
          Data lake
        </Link>
        {isAdmin && (
          <Link href={adminHref('users')} className="topbar-link" aria-current={route.name === 'admin' ? 'page' : undefined} data-testid="nav-admin">
            Admin
          </Link>
        )}
        <span className="topbar-spacer" />
        <ThemeToggle />
        <UserMenu />
      </nav>
      {route.name === 'pipelines' && <PipelinesPage />}
      {route.name === 'designer' && (
        // The designer brings React Flow, dagre and the validator: a chunk of its own.
        <DesignerRoute pipelineId={route.pipelineId} />
      )}
      {route.name === 'lake' && (
        <Suspense fallback={<p className="page muted">Opening the data lake…</p>}>
          <LakePage path={route.path} />
        </Suspense>
      )}
      {route.name === 'admin' && (
        <Suspense fallback={<p className="page muted">Opening the admin pages…</p>}>
          <AdminPage section={route.section} />
        </Suspense>
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
