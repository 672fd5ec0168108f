import type { FieldChange } from './record-diff';

export type Side = 'input' | 'output';

export interface FieldMark {
  className: string;
  /** Read out after the value: colour alone says nothing to a screen reader. */
  label: string;
  /** Marked for tests and tools as a changed field (data-testid="changed-field"). */
  testable: boolean;
}

/**
 * How a changed field shows on each side of a record pair: the output marks what was
 * added or changed, the input what was removed and the old value of a change.
 */
export function fieldMark(change: FieldChange | undefined, side: Side): FieldMark | undefined {
  if (change === undefined) return undefined;
  if (side === 'output') {
    if (change === 'added') return { className: 'field-added', label: 'added', testable: true };
    if (change === 'changed') return { className: 'field-changed', label: 'changed', testable: true };
    return undefined;
  }
  if (change === 'removed') return { className: 'field-removed', label: 'removed', testable: true };
  if (change === 'changed') return { className: 'field-old', label: 'value before', testable: false };
  return undefined;
}

/** A field's value as a table cell shows it: text as it is, everything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
