import { useState } from 'react';
import { api, ApiRequestError, describeError } from '../api/client';
import { FormDialog } from '../ui/FormDialog';
import { FormField } from '../ui/FormField';
import { PASSWORD_MIN_LENGTH } from '@duto/model';

const describeFailure = (error: unknown) =>
  error instanceof ApiRequestError && error.problems.some((p) => p.path === '/currentPassword') ? 'That is not your current password.' : describeError(error);

/** Changes the logged-in user's own password; the server ends their other sessions. */
export function PasswordDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const mismatch = repeated !== '' && repeated !== next;

  return (
    <FormDialog
      title="Change your password"
      testId="password-dialog"
      submitText="Change password"
      submitDisabled={mismatch}
      onSubmit={async () => {
        await api.changePassword(current, next);
        onChanged();
      }}
      describeFailure={describeFailure}
      onClose={onClose}
    >
      <FormField label="Current password">
        <input className="input" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} data-autofocus />
      </FormField>
      <FormField label="New password" hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions end.`}>
        <input className="input" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} />
      </FormField>
      <FormField label="New password again" problem={mismatch && 'The two new passwords differ.'}>
        <input className="input" type="password" autoComplete="new-password" required value={repeated} onChange={(e) => setRepeated(e.target.value)} aria-invalid={mismatch || undefined} />
      </FormField>
    </FormDialog>
  );
}
