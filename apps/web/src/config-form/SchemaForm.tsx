import { useMemo } from 'react';
import { parsePointer } from '@duto/model';
import { fieldKind, type JsonSchema } from './json-schema';
import { FormContext, type FormContextValue } from './form-context';
import { ObjectFields } from './ObjectFields';
import { SchemaField } from './SchemaField';

export interface FormIssue {
  /** JSON Pointer relative to the form's value. */
  path: string;
  message: string;
}

export interface SchemaFormProps {
  schema: JsonSchema;
  value: unknown;
  /** The whole new value, and the path of the field that changed (edits of one field coalesce in the history). */
  onChange: (value: unknown, changedPath: string) => void;
  issues?: readonly FormIssue[];
  expressionProblem?: (text: string) => string | undefined;
  disabled?: boolean;
  idPrefix: string;
}

/**
 * A form generated from a JSON Schema. It knows JSON Schema and Duto's two keywords
 * (x-expression, x-secret), never a stage: every stage's panel is this component.
 */
export function SchemaForm({ schema, value, onChange, issues = [], expressionProblem = () => undefined, disabled = false, idPrefix }: SchemaFormProps) {
  const context = useMemo<FormContextValue>(() => {
    const byPath = new Map<string, string[]>();
    for (const issue of issues) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue.message]);
    return { issuesAt: (path) => byPath.get(path) ?? [], expressionProblem, disabled, idPrefix };
  }, [issues, expressionProblem, disabled, idPrefix]);

  const kind = fieldKind(schema);
  // Problems that no field shows (a property the schema does not know, the value as a whole).
  const known = kind.kind === 'object' ? new Set(Object.keys(kind.properties)) : new Set<string>();
  const elsewhere = issues.filter((issue) => kind.kind !== 'object' || !known.has(parsePointer(issue.path)[0] ?? ''));

  return (
    <FormContext.Provider value={context}>
      <div className="schema-form">
        {elsewhere.length > 0 && (
          <ul className="form-problems" data-testid="form-problems">
            {elsewhere.map((issue) => (
              <li key={issue.path + issue.message}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
            ))}
          </ul>
        )}
        {kind.kind === 'object' ? (
          Object.keys(kind.properties).length === 0 ? (
            <p className="muted">This stage has nothing to configure.</p>
          ) : (
            <ObjectFields path="" properties={kind.properties} required={schema.required ?? []} value={value} onChange={onChange} />
          )
        ) : (
          <SchemaField path="" name="value" schema={schema} value={value} onChange={onChange} required />
        )}
      </div>
    </FormContext.Provider>
  );
}
