import { useEffect, useState } from 'react';
import type { WidgetProps } from './widget-props';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** Any shape the form has no widget for, edited as JSON: nothing of the value is hidden or lost. */
export function JsonWidget({ id, value, onChange, invalid, describedBy, disabled }: WidgetProps) {
  const [text, setText] = useState(show(value));
  const [problem, setProblem] = useState<string>();

  useEffect(() => setText(show(value)), [value]);

  const commit = () => {
    if (text.trim() === '') {
      setProblem(undefined);
      onChange(undefined);
      return;
    }
    try {
      onChange(JSON.parse(text));
      setProblem(undefined);
    } catch (error) {
      setProblem(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <>
      <textarea
        id={id}
        className="input input-code"
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        value={text}
        aria-invalid={invalid || problem !== undefined || undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
      />
      {problem && <p className="field-error">{problem}</p>}
    </>
  );
}
