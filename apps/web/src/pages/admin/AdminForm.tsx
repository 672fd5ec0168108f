import type { ReactNode } from 'react';
import { FormProblem } from '../../ui/FormProblem';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface AdminFormProps {
  label: string;
  testId: string;
  /** The fields, in a row above the submit button. */
  children: ReactNode;
  submitText: string;
  /** Keeps the submit button off, e.g. while a field is wrong. */
  submitDisabled?: boolean;
  /** Throws to show why under the form. */
  onSubmit: () => Promise<void>;
}

/** The row of fields that makes something new on an admin page (a user, a token, a secret). */
export function AdminForm({ label, testId, children, submitText, submitDisabled = false, onSubmit }: AdminFormProps) {
  const { busy, problem, onSubmit: submit } = useFormSubmit(onSubmit, { disabled: submitDisabled });
  return (
    <form className="admin-form" onSubmit={submit} aria-label={label} data-testid={testId}>
      {children}
      <button type="submit" className="btn btn-primary" disabled={busy || submitDisabled}>
        {submitText}
      </button>
      <FormProblem problem={problem} className="admin-form-problem" />
    </form>
  );
}
