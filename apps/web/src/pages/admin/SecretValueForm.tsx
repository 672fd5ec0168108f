import { useState } from 'react';
import { api } from '../../api/client';
import { SECRET_NAME_PATTERN } from '@duto/model';
import { FormField } from '../../ui/FormField';
import { AdminForm } from './AdminForm';

const SECRET_NAME = new RegExp(SECRET_NAME_PATTERN);

interface SecretValueFormProps {
  /** The names that exist: saving one of them replaces its value. */
  existing: readonly string[];
  /** Replaces this secret's value; without it the form asks for a name. */
  fixedName?: string;
  onSaved: (name: string, replaced: boolean) => void;
}

/** Sets a secret's value, new or replacing; the value goes to the server and is never shown again. */
export function SecretValueForm({ existing, fixedName, onSaved }: SecretValueFormProps) {
  const [typedName, setTypedName] = useState('');
  const [value, setValue] = useState('');
  const name = fixedName ?? typedName.trim();
  const badName = name !== '' && !SECRET_NAME.test(name);
  const replacing = existing.includes(name);

  const save = async () => {
    await api.putSecret(name, value);
    setTypedName('');
    setValue('');
    onSaved(name, replacing);
  };

  return (
    <AdminForm
      label={fixedName ? `New value of ${fixedName}` : 'Set a secret'}
      testId="set-secret"
      submitText={replacing ? 'Replace value' : 'Save secret'}
      submitDisabled={badName}
      onSubmit={save}
    >
      {fixedName === undefined && (
        <FormField label="Name" problem={badName && 'Letters, digits and . _ - only.'}>
          <input
            className="input input-code"
            required
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. warehouse-db-password"
            value={typedName}
            onChange={(e) => setTypedName(e.target.value)}
            aria-invalid={badName || undefined}
            data-testid="secret-name"
          />
        </FormField>
      )}
      <FormField label={fixedName ? 'New value' : 'Value'}>
        <input className="input" type="password" required autoComplete="new-password" value={value} onChange={(e) => setValue(e.target.value)} data-autofocus data-testid="secret-value" />
      </FormField>
    </AdminForm>
  );
}
