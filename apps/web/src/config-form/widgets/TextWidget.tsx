import type { WidgetProps } from './widget-props';

/** A plain string; an emptied field is unset, so the validator can say it is required. */
export function TextWidget({ id, schema, value, onChange, invalid, describedBy, disabled, required }: WidgetProps) {
  const example = schema.examples?.[0] ?? schema.default;
  return (
    <input
      id={id}
      className="input"
      type="text"
      value={typeof value === 'string' ? value : ''}
      placeholder={example === undefined ? undefined : `e.g. ${String(example)}`}
      maxLength={schema.maxLength}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={required || undefined}
      disabled={disabled}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
