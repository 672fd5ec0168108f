import type { ReactNode } from 'react';

interface FormFieldProps {
  label: string;
  /** The control: an input, a select. */
  children: ReactNode;
  /** A line of help under the control. */
  hint?: string;
  /** What is wrong with the value, under the control; nothing when it is fine. */
  problem?: string | false;
}

/** A labelled form control with its help and its problem. */
export function FormField({ label, children, hint, problem }: FormFieldProps) {
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      {children}
      {hint && <span className="muted small">{hint}</span>}
      {problem && <span className="inline-problem small">{problem}</span>}
    </label>
  );
}
