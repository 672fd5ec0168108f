import { useEffect, type ComponentType } from 'react';
import { Link } from '../../app/Link';
import { adminHref, navigate, type AdminSection } from '../../app/router';
import { can, type Action } from '../../auth/permissions';
import { useMe } from '../../auth/session-store';
import { Notice } from '../../ui/Notice';
import { AuditPage } from './AuditPage';
import { SecretsPage } from './SecretsPage';
import { TokensPage } from './TokensPage';
import { UsersPage } from './UsersPage';
import './admin.css';

const SECTIONS: ReadonlyArray<{ section: AdminSection; title: string; needs: Action; Page: ComponentType }> = [
  { section: 'users', title: 'Users', needs: 'manageUsers', Page: UsersPage },
  { section: 'tokens', title: 'API tokens', needs: 'manageOwnTokens', Page: TokensPage },
  { section: 'secrets', title: 'Secrets', needs: 'manageSecrets', Page: SecretsPage },
  { section: 'audit', title: 'Audit log', needs: 'readAudit', Page: AuditPage },
];

/** `/admin/...`: the sections the user's role opens, as tabs; `/admin` alone opens the first. */
export default function AdminPage({ section }: { section: AdminSection | undefined }) {
  const role = useMe()?.role;
  const open = SECTIONS.filter((s) => can(role, s.needs));
  const first = open[0]?.section;
  const current = SECTIONS.find((s) => s.section === section);

  useEffect(() => {
    if (section === undefined && first !== undefined) navigate(adminHref(first), { replace: true });
  }, [section, first]);

  return (
    <main className="page admin-page">
      <header className="page-header">
        <h1>{can(role, 'manageUsers') ? 'Admin' : 'Account'}</h1>
      </header>
      <nav className="admin-tabs" aria-label="Admin sections">
        {open.map((s) => (
          <Link key={s.section} href={adminHref(s.section)} className="admin-tab" aria-current={s.section === section ? 'page' : undefined} data-testid={`admin-${s.section}`}>
            {s.title}
          </Link>
        ))}
      </nav>
      {current && (can(role, current.needs) ? <current.Page /> : <Notice tone="warning">{`${current.title}: your role (${role}) does not open this page.`}</Notice>)}
    </main>
  );
}
