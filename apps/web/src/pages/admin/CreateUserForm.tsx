import { useState } from 'react';
import type { Role } from '@duto/model';
import { api } from '../../api/client';
import { PASSWORD_MIN_LENGTH } from '@duto/model';
import { rolesUpTo } from '../../auth/permissions';
import { FormField } from '../../ui/FormField';
import { AdminForm } from './AdminForm';
import { RoleSelect } from './RoleSelect';

/** A new user: name, first password, role. */
export function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');

  const create = async () => {
    const created = await api.createUser(username.trim(), password, role);
    setUsername('');
    setPassword('');
    onCreated(created.username);
  };

  return (
    <AdminForm label="New user" testId="create-user" submitText="Create user" onSubmit={create}>
      <FormField label="Username">
        <input className="input" required maxLength={100} autoComplete="off" title="Letters, digits and . _ @ -" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="new-username" />
      </FormField>
      <FormField label="Password">
        <input
          className="input"
          type="password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="new-password"
        />
      </FormField>
      <FormField label="Role">
        <RoleSelect value={role} roles={rolesUpTo('admin')} onChange={setRole} label="Role" testId="new-role" />
      </FormField>
    </AdminForm>
  );
}
