import type { WidgetProps } from './widget-props';

/** One of a fixed set (enum, or anyOf of consts). Options are indexed so numbers stay numbers. */
export function EnumWidget({ id, schema, value, onChange, invalid, describedBy, disabled, required, options }: WidgetProps & { options: readonly unknown[] }) {
  const index = options.findIndex((option) => option === value);
  const unknownValue = value !== undefined && index === -1;
  return (
    <select
      id={id}
      className="input"
      value={index === -1 ? (unknownValue ? 'unknown' : '') : String(index)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={required || undefined}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'unknown' ? value : options[Number(e.target.value)])}
    >
      {(index === -1 || !required) && !unknownValue && (
        <option value="">{schema.default === undefined ? '— choose —' : `— default (${String(schema.default)}) —`}</option>
      )}
      {unknownValue && <option value="unknown">{`${JSON.stringify(value)} (not allowed)`}</option>}
      {options.map((option, i) => (
        <option key={String(option)} value={String(i)}>
          {String(option)}
        </option>
      ))}
    </select>
  );
}
