import { useState } from 'react';
import type { Role, UserSummary } from '@duto/model';
import { api, describeError } from '../../api/client';
import { rolesUpTo } from '../../auth/permissions';
import { useMe } from '../../auth/session-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { IconButton } from '../../ui/IconButton';
import { Notice } from '../../ui/Notice';
import { RelativeTime } from '../../ui/RelativeTime';
import { TableHead } from '../../ui/TableHead';
import { CreateUserForm } from './CreateUserForm';
import { PasswordResetDialog } from './PasswordResetDialog';
import { RoleSelect } from './RoleSelect';
import { useLoaded } from './useLoaded';

type OpenDialog = { kind: 'reset' | 'delete'; user: UserSummary } | undefined;

/** Every user and their role: create, change a role, set a password, delete (Duto keeps one admin). */
export function UsersPage() {
  const me = useMe();
  const { data: users, problem: loadProblem, reload } = useLoaded(api.users);
  const [news, setNews] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [dialog, setDialog] = useState<OpenDialog>();

  const changeRole = async (user: UserSummary, role: Role) => {
    setNews(undefined);
    try {
      await api.setUserRole(user.id, role);
      setNews({ tone: 'success', text: `${user.username} is now ${role}.` });
    } catch (error) {
      setNews({ tone: 'error', text: `${user.username} keeps the role ${user.role}: ${describeError(error)}` });
    }
    void reload();
  };

  return (
    <section aria-label="Users">
      <CreateUserForm
        onCreated={(username) => {
          setNews({ tone: 'success', text: `Created ${username}.` });
          void reload();
        }}
      />
      {loadProblem && <Notice tone="error">{loadProblem}</Notice>}
      {news && (
        <Notice tone={news.tone} onDismiss={() => setNews(undefined)} testId="users-news">
          {news.text}
        </Notice>
      )}
      {users && (
        <table className="admin-table" data-testid="user-list">
          <TableHead columns={['User', 'Role', 'Created', { label: 'Actions', hidden: true }]} />
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid="user-row" data-username={user.username}>
                <td>
                  {user.username}
                  {user.username === me?.username && <span className="tag">you</span>}
                </td>
                <td>
                  <RoleSelect value={user.role} roles={rolesUpTo('admin')} onChange={(role) => void changeRole(user, role)} label={`Role of ${user.username}`} />
                </td>
                <td>
                  <RelativeTime iso={user.createdAt} />
                </td>
                <td className="row-actions">
                  <IconButton icon="pencil" label={`Set a new password for ${user.username}`} onClick={() => setDialog({ kind: 'reset', user })} data-testid="reset-password" />
                  <IconButton icon="trash" label={`Delete ${user.username}`} onClick={() => setDialog({ kind: 'delete', user })} data-testid="delete-user" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'reset' && (
        <PasswordResetDialog user={dialog.user} onClose={() => setDialog(undefined)} onDone={() => setNews({ tone: 'success', text: `${dialog.user.username} has a new password.` })} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.user.username}?`}
          confirmText="Delete"
          danger
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await api.deleteUser(dialog.user.id);
            setNews({ tone: 'success', text: `Deleted ${dialog.user.username}.` });
            void reload();
          }}
        >
          <p>Their sessions end and their API tokens stop working. Pipelines they made stay.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
