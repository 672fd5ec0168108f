import type { WidgetProps } from './widget-props';

/** A JSONata expression: monospace, several lines when needed; its syntax is checked as you type (see SchemaField). */
export function ExpressionWidget({ id, schema, value, onChange, invalid, describedBy, disabled, required }: WidgetProps) {
  const text = typeof value === 'string' ? value : '';
  const example = schema.examples?.[0];
  return (
    <textarea
      id={id}
      className="input input-code"
      rows={Math.min(8, Math.max(1, text.split('\n').length))}
      value={text}
      placeholder={example === undefined ? 'JSONata expression' : `e.g. ${String(example)}`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={required || undefined}
      disabled={disabled}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      data-expression="true"
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
