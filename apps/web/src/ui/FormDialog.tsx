import { useId, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { FormProblem } from './FormProblem';
import { useFormSubmit } from './useFormSubmit';

interface FormDialogProps {
  title: string;
  testId: string;
  /** The form's fields, or what is to be confirmed. */
  children: ReactNode;
  submitText: string;
  submitTestId?: string;
  /** Keeps the submit button off, e.g. until the form is complete. */
  submitDisabled?: boolean;
  danger?: boolean;
  /** Done: the dialog closes. Throws: it stays open and shows why (e.g. the server refused). */
  onSubmit: () => Promise<void> | void;
  /** How a failure reads; the server's message by default. */
  describeFailure?: (error: unknown) => string;
  onClose: () => void;
}

/** A dialog around a form, with Cancel and a submit button in its footer. */
export function FormDialog({ title, testId, children, submitText, submitTestId, submitDisabled = false, danger = false, onSubmit, describeFailure, onClose }: FormDialogProps) {
  const formId = useId();
  const { busy, problem, onSubmit: submit } = useFormSubmit(
    async () => {
      await onSubmit();
      onClose();
    },
    { disabled: submitDisabled, describe: describeFailure },
  );

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      actions={
        <>
          <button type="button" className="btn btn-plain" onClick={onClose}>
            Cancel
          </button>
          {/* Focused when the form has no field to focus first, as in a confirmation. */}
          <button type="submit" form={formId} className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy || submitDisabled} data-testid={submitTestId} data-autofocus>
            {submitText}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit}>
        {children}
        <FormProblem problem={problem} />
      </form>
    </Dialog>
  );
}
