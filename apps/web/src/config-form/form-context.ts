import { createContext, useContext } from 'react';

/** What every field of one form shares. */
export interface FormContextValue {
  /** Problems by JSON Pointer relative to the form's value. */
  issuesAt: (path: string) => readonly string[];
  /** The live syntax check of an expression field; undefined when it parses. */
  expressionProblem: (text: string) => string | undefined;
  disabled: boolean;
  /** Makes element ids unique when several forms are on the page. */
  idPrefix: string;
}

export const FormContext = createContext<FormContextValue>({
  issuesAt: () => [],
  expressionProblem: () => undefined,
  disabled: false,
  idPrefix: 'form',
});

export const useFormContext = () => useContext(FormContext);

export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
