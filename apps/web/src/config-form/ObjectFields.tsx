import type { JsonSchema } from './json-schema';
import { SchemaField } from './SchemaField';

interface ObjectFieldsProps {
  path: string;
  properties: Record<string, JsonSchema>;
  required: readonly string[];
  value: unknown;
  onChange: (value: unknown, path: string) => void;
}

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The properties of an object, in schema order; a property set to undefined is removed. */
export function ObjectFields({ path, properties, required, value, onChange }: ObjectFieldsProps) {
  const object = asObject(value);
  return (
    <>
      {Object.entries(properties).map(([key, schema]) => (
        <SchemaField
          key={key}
          path={`${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`}
          name={key}
          schema={schema}
          value={object[key]}
          required={required.includes(key)}
          onChange={(next, changedPath) => {
            const copy = { ...object };
            if (next === undefined) delete copy[key];
            else copy[key] = next;
            onChange(copy, changedPath);
          }}
        />
      ))}
    </>
  );
}
