import type { WidgetProps } from './widget-props';

type SecretValue = string | { secret: string } | undefined;

const isReference = (value: unknown): value is { secret: string } =>
  value !== null && typeof value === 'object' && typeof (value as { secret?: unknown }).secret === 'string';

/**
 * A password or token: typed in (a password field, never shown) or a reference
 * `{ "secret": name }` to a secret kept on the server, which is what export writes.
 */
export function SecretWidget({ id, value, onChange, invalid, describedBy, disabled, label }: WidgetProps) {
  const current = value as SecretValue;
  const byReference = isReference(current);
  return (
    <div className="secret-field">
      <select
        className="input secret-mode"
        aria-label={`How ${label} is given`}
        value={byReference ? 'reference' : 'value'}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === 'reference' ? { secret: '' } : undefined)}
      >
        <option value="value">Value</option>
        <option value="reference">Secret reference</option>
      </select>
      {byReference ? (
        <input
          id={id}
          className="input"
          type="text"
          placeholder="secret name"
          value={current.secret}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => onChange({ secret: e.target.value })}
        />
      ) : (
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="new-password"
          value={typeof current === 'string' ? current : ''}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )}
    </div>
  );
}
