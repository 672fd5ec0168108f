import { useEffect, useState } from 'react';
import type { SecretSummary } from '@duto/model';
import { api } from '../../api/client';
import { useCan } from '../../auth/useCan';
import { secretChoice, sharedSecretNames, type SecretReference } from './secret-choice';
import type { WidgetProps } from './widget-props';

const TYPED = 'typed';
const STORED = 'stored';
const NAMED = 'named:';

/** The stored secrets' names, for a user who may read them; undefined until then (or for a viewer). */
function useSecretList(allowed: boolean): SecretSummary[] | undefined {
  const [secrets, setSecrets] = useState<SecretSummary[]>();
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api.secrets().then(
      (list) => live && setSecrets(list),
      // Without the list the field still works: references show as stored, a value can be typed.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [allowed]);
  return secrets;
}

/**
 * A password or token: typed in (a password field; the server encrypts it on save and
 * answers only a reference), a secret already stored for this field, or a shared secret
 * picked by name. A value is never shown, and a stored one is never sent back as text.
 */
export function SecretWidget({ id, value, onChange, invalid, describedBy, disabled, label }: WidgetProps) {
  const mayListSecrets = useCan('manageSecrets');
  const secrets = useSecretList(mayListSecrets);
  const choice = secretChoice(value, secrets);
  // The stored secret this field had: choosing it again after starting to type a new value puts it
  // back. Remembered once the list tells a stored secret from a shared one (or cannot be read).
  const storedName = choice.kind === 'stored' ? choice.reference.secret : undefined;
  const settled = secrets !== undefined || !mayListSecrets;
  const [remembered, setRemembered] = useState<SecretReference>();
  useEffect(() => {
    if (settled && storedName !== undefined) setRemembered({ secret: storedName });
  }, [settled, storedName]);
  const stored = storedName === undefined ? remembered : { secret: storedName };

  const shared = secrets ? sharedSecretNames(secrets) : [];
  const names = choice.kind === 'named' && !shared.includes(choice.name) ? [choice.name, ...shared] : shared;
  const selected = choice.kind === 'named' ? `${NAMED}${choice.name}` : choice.kind;

  const choose = (option: string) => {
    if (option === TYPED) onChange(undefined);
    else if (option === STORED) onChange(stored);
    else onChange({ secret: option.slice(NAMED.length) });
  };

  return (
    <div className="secret-field">
      <select
        id={choice.kind === 'typed' ? undefined : id}
        className={choice.kind === 'typed' ? 'input secret-mode' : 'input secret-mode secret-mode-alone'}
        aria-label={`Where ${label} comes from`}
        value={selected}
        disabled={disabled}
        onChange={(e) => choose(e.target.value)}
        data-testid="secret-source"
      >
        <option value={TYPED}>{stored ? 'Type a new value' : 'Type a value'}</option>
        {stored && <option value={STORED}>Stored secret</option>}
        {names.map((name) => (
          <option key={name} value={`${NAMED}${name}`}>
            {choice.kind === 'named' && choice.missing && choice.name === name ? `Secret ${name} (missing)` : `Secret ${name}`}
          </option>
        ))}
      </select>
      {choice.kind === 'typed' && (
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="new-password"
          value={typeof value === 'string' ? value : ''}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )}
      {choice.kind === 'stored' && (
        <p className="muted small secret-note" data-testid="stored-secret">
          Stored secret: kept encrypted on the server and never shown. To replace it, type a new value.
        </p>
      )}
      {choice.kind === 'named' && choice.missing && (
        <p className="inline-problem small secret-note">{`No secret is named “${choice.name}”: create it on the Secrets page, or pick another.`}</p>
      )}
      {mayListSecrets && !disabled && (
        <a className="small secret-note" href="/admin/secrets" target="_blank" rel="noopener">
          Manage secrets
        </a>
      )}
    </div>
  );
}
