import { useState } from 'react';
import type { UserSummary } from '@duto/model';
import { api } from '../../api/client';
import { PASSWORD_MIN_LENGTH } from '@duto/model';
import { FormDialog } from '../../ui/FormDialog';
import { FormField } from '../../ui/FormField';

/** Sets another user's password; the server ends their sessions. */
export function PasswordResetDialog({ user, onClose, onDone }: { user: UserSummary; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');

  return (
    <FormDialog
      title={`New password for ${user.username}`}
      testId="reset-password-dialog"
      submitText="Set password"
      onSubmit={async () => {
        await api.resetUserPassword(user.id, password);
        onDone();
      }}
      onClose={onClose}
    >
      <FormField label="New password" hint={`At least ${PASSWORD_MIN_LENGTH} characters. ${user.username}'s sessions end at once.`}>
        <input className="input" type="password" required minLength={PASSWORD_MIN_LENGTH} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
