import { useState } from 'react';
import type { Role, TokenCreated, TokenSummary } from '@duto/model';
import { api } from '../../api/client';
import { can, rolesUpTo } from '../../auth/permissions';
import { useMe } from '../../auth/session-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormField } from '../../ui/FormField';
import { IconButton } from '../../ui/IconButton';
import { Notice } from '../../ui/Notice';
import { RelativeTime } from '../../ui/RelativeTime';
import { TableHead } from '../../ui/TableHead';
import { AdminForm } from './AdminForm';
import { NewTokenNotice } from './NewTokenNotice';
import { RoleSelect } from './RoleSelect';
import { useLoaded } from './useLoaded';

/** API tokens for scripts and CI: make one (up to your own role), see them, revoke them. Admins see everyone's. */
export function TokensPage() {
  const me = useMe()!;
  const { data: tokens, problem: loadProblem, reload } = useLoaded(api.tokens);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<TokenCreated>();
  const [revoking, setRevoking] = useState<TokenSummary>();
  const seesEveryone = can(me.role, 'manageUsers');

  const create = async () => {
    setCreated(await api.createToken(name.trim(), role));
    setName('');
    void reload();
  };

  return (
    <section aria-label="API tokens">
      <p className="muted">
        Scripts, CI and Prometheus send a token as <code>Authorization: Bearer &lt;token&gt;</code>. A token never acts above its maker's role.
      </p>
      <AdminForm label="New API token" testId="create-token" submitText="Create token" onSubmit={create}>
        <FormField label="Name">
          <input className="input" required maxLength={100} placeholder="e.g. nightly export" value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
        </FormField>
        <FormField label="Role">
          <RoleSelect value={role} roles={rolesUpTo(me.role)} onChange={setRole} label="Role" testId="token-role" />
        </FormField>
      </AdminForm>
      {created && <NewTokenNotice created={created} onDone={() => setCreated(undefined)} />}
      {loadProblem && <Notice tone="error">{loadProblem}</Notice>}
      {tokens?.length === 0 && <p className="empty">No API tokens yet.</p>}
      {tokens && tokens.length > 0 && (
        <table className="admin-table" data-testid="token-list">
          <TableHead columns={['Name', 'Role', ...(seesEveryone ? ['Owner'] : []), 'Created', 'Last used', { label: 'Actions', hidden: true }]} />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row" data-token-name={token.name}>
                <td>{token.name}</td>
                <td>{token.role}</td>
                {seesEveryone && <td>{token.owner}</td>}
                <td>
                  <RelativeTime iso={token.createdAt} />
                </td>
                <td>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : <span className="muted">never</span>}</td>
                <td className="row-actions">
                  <IconButton icon="trash" label={`Revoke ${token.name}`} onClick={() => setRevoking(token)} data-testid="revoke-token" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmText="Revoke"
          danger
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await api.revokeToken(revoking.id);
            void reload();
          }}
        >
          <p>It stops working at once, for every script that uses it.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
