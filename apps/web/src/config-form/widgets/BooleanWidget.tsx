import type { WidgetProps } from './widget-props';

export function BooleanWidget({ id, schema, value, onChange, describedBy, disabled }: WidgetProps) {
  const checked = typeof value === 'boolean' ? value : schema.default === true;
  return (
    <input
      id={id}
      type="checkbox"
      className="checkbox"
      checked={checked}
      aria-describedby={describedBy}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
