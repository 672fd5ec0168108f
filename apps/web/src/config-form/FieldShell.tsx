import type { ReactNode } from 'react';

interface FieldShellProps {
  path: string;
  inputId: string;
  label: string;
  required: boolean;
  description?: string | undefined;
  errors: readonly string[];
  /** Checkboxes put their label beside the box. */
  inline?: boolean;
  /** Lists and groups label themselves with a legend instead of a <label>. */
  group?: boolean;
  children: ReactNode;
}

/** Label, required mark, help text and problems around one control; `data-field-path` names the field for tests and jumps. */
export function FieldShell({ path, inputId, label, required, description, errors, inline = false, group = false, children }: FieldShellProps) {
  const labelContent = (
    <>
      {label}
      {required && (
        <span className="required-mark" title="required">
          {' *'}
        </span>
      )}
    </>
  );
  return (
    <div className={`field${inline ? ' field-inline' : ''}${errors.length > 0 ? ' is-invalid' : ''}`} data-field-path={path} data-invalid={errors.length > 0 || undefined}>
      {inline ? (
        <label className="field-inline-label" htmlFor={inputId}>
          {children}
          <span className="field-label">{labelContent}</span>
        </label>
      ) : (
        <>
          {group ? (
            <div className="field-label" id={`${inputId}-label`}>
              {labelContent}
            </div>
          ) : (
            <label className="field-label" htmlFor={inputId}>
              {labelContent}
            </label>
          )}
          {children}
        </>
      )}
      {description && (
        <p className="field-help" id={`${inputId}-help`}>
          {description}
        </p>
      )}
      {errors.map((message) => (
        <p key={message} className="field-error" id={`${inputId}-error`} data-testid="field-error">
          {message}
        </p>
      ))}
    </div>
  );
}
