import type { JsonSchema } from '../json-schema';

/** What every widget gets: its value, where it sits, and how to report a change. */
export interface WidgetProps<T = unknown> {
  id: string;
  path: string;
  schema: JsonSchema;
  value: T | undefined;
  /** undefined removes the field from its object. */
  onChange: (value: unknown) => void;
  required: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  disabled: boolean;
  label: string;
}
