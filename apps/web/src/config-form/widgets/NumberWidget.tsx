import { useEffect, useState } from 'react';
import type { WidgetProps } from './widget-props';

/**
 * An integer or a number. The text is kept as typed ("1." or "-" mid-typing) and the
 * value changes only when the text is a number; an emptied field is unset.
 */
export function NumberWidget({ id, schema, value, onChange, invalid, describedBy, disabled, required, integer }: WidgetProps & { integer: boolean }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');

  useEffect(() => {
    // An outside change (undo, another panel): show it, unless the text already means it.
    setText((current) => (parse(current, integer) === value ? current : typeof value === 'number' ? String(value) : ''));
  }, [value, integer]);

  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  return (
    <input
      id={id}
      className="input input-number"
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      step={integer ? 1 : 'any'}
      min={min}
      max={max}
      value={text}
      placeholder={schema.default === undefined ? undefined : `default ${String(schema.default)}`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={required || undefined}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onChange(undefined);
        else {
          const parsed = parse(e.target.value, integer);
          if (parsed !== undefined) onChange(parsed);
        }
      }}
    />
  );
}

function parse(text: string, integer: boolean): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  if (!Number.isFinite(number)) return undefined;
  return integer && !Number.isInteger(number) ? undefined : number;
}
