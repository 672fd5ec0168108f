import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client';

interface FormSubmitOptions {
  /** While true a submit does nothing (the submit button shows it off too). */
  disabled?: boolean;
  /** How a failure reads to the user. */
  describe?: (error: unknown) => string;
}

/**
 * A form's submit: runs `action` once at a time, `busy` meanwhile; when it throws, `problem`
 * says why until the next try.
 */
export function useFormSubmit(action: () => Promise<void> | void, { disabled = false, describe = describeError }: FormSubmitOptions = {}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && !disabled) void submit();
  };
  return { busy, problem, onSubmit };
}
