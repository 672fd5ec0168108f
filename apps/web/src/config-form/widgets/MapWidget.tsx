import { IconButton } from '../../ui/IconButton';
import { newListItem, type JsonSchema } from '../json-schema';
import { SchemaField } from '../SchemaField';
import type { WidgetProps } from './widget-props';

interface MapWidgetProps extends WidgetProps {
  values: JsonSchema;
  keyPattern: string | undefined;
  onEntryChange: (map: unknown, path: string) => void;
}

/** Named values (an object with free keys, e.g. parameters): rows of name and value, keeping their order. */
export function MapWidget({ id, path, value, onEntryChange, required, disabled, label, values, keyPattern }: MapWidgetProps) {
  const entries = Object.entries(value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const change = (next: Array<[string, unknown]>, changedPath: string) =>
    onEntryChange(next.length === 0 && !required ? undefined : Object.fromEntries(next), changedPath);
  const freeKey = () => {
    const taken = new Set(entries.map(([key]) => key));
    for (let n = 1; ; n++) if (!taken.has(`NAME_${n}`)) return `NAME_${n}`;
  };
  const keyProblem = (key: string) => (keyPattern && !new RegExp(keyPattern).test(key) ? `must match ${keyPattern}` : undefined);

  return (
    <div className="list-field" role="group" aria-labelledby={`${id}-label`} id={id}>
      {entries.length === 0 && <p className="list-empty">None yet.</p>}
      <ul className="map-entries">
        {entries.map(([key, entryValue], index) => {
          const problem = keyProblem(key);
          return (
            <li key={index} className="map-entry" data-testid="map-entry">
              <label className="visually-hidden" htmlFor={`${id}-key-${index}`}>{`Name ${index + 1}`}</label>
              <input
                id={`${id}-key-${index}`}
                className="input input-code map-key"
                value={key}
                aria-invalid={problem !== undefined || undefined}
                title={problem}
                disabled={disabled}
                spellCheck={false}
                onChange={(e) => change(entries.map(([k, v], i) => (i === index ? [e.target.value, v] : [k, v])), `${path}/${index}#key`)}
              />
              <div className="map-value">
                <SchemaField
                  path={`${path}/${key}`}
                  name={key}
                  label={`Value of ${key || `entry ${index + 1}`}`}
                  schema={values}
                  value={entryValue}
                  required
                  onChange={(next, changedPath) => change(entries.map(([k, v], i) => (i === index ? [k, next] : [k, v])), changedPath)}
                />
              </div>
              <IconButton icon="trash" label={`Remove ${key || `entry ${index + 1}`}`} disabled={disabled} onClick={() => change(entries.filter((_, i) => i !== index), path)} />
            </li>
          );
        })}
      </ul>
      <IconButton
        icon="plus"
        text="Add"
        label={`Add to ${label}`}
        disabled={disabled}
        onClick={() => change([...entries, [freeKey(), newListItem(values) ?? '']], path)}
        data-testid="map-add"
      />
    </div>
  );
}
