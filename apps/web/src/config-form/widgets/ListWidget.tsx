import { IconButton } from '../../ui/IconButton';
import { fieldKind, newListItem, type JsonSchema } from '../json-schema';
import { SchemaField } from '../SchemaField';
import type { WidgetProps } from './widget-props';

interface ListWidgetProps extends WidgetProps {
  items: JsonSchema;
  /** A change inside an item, with the item's path, so that typing in one field coalesces. */
  onItemChange: (list: unknown, path: string) => void;
}

/**
 * An editable list: add, remove, move up and down. Items are rendered by their own
 * schema, so a list of strings is a column of inputs and a list of objects a column of
 * cards, one per item.
 */
export function ListWidget({ id, path, schema, value, onItemChange, required, disabled, label, items }: ListWidgetProps) {
  const list = Array.isArray(value) ? value : [];
  const objects = fieldKind(items).kind === 'object';
  const atMax = schema.maxItems !== undefined && list.length >= schema.maxItems;
  const change = (next: unknown[], changedPath: string) => onItemChange(next.length === 0 && !required ? undefined : next, changedPath);
  const move = (from: number, to: number) => {
    const next = [...list];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    change(next, path);
  };

  return (
    <div className="list-field" role="group" aria-labelledby={`${id}-label`} id={id}>
      {list.length === 0 && <p className="list-empty">None yet.</p>}
      <ol className={objects ? 'list-items list-items-cards' : 'list-items'}>
        {list.map((item, index) => {
          const itemPath = `${path}/${index}`;
          return (
            <li key={index} className="list-item" data-testid="list-item">
              <div className="list-item-body">
                <SchemaField
                  path={itemPath}
                  name={String(index)}
                  label={`${label} ${index + 1}`}
                  schema={items}
                  value={item}
                  required
                  onChange={(next, changedPath) => {
                    const copy = [...list];
                    copy[index] = next;
                    change(copy, changedPath);
                  }}
                />
              </div>
              <div className="list-item-actions">
                <IconButton icon="up" label={`Move ${label} ${index + 1} up`} disabled={disabled || index === 0} onClick={() => move(index, index - 1)} />
                <IconButton icon="down" label={`Move ${label} ${index + 1} down`} disabled={disabled || index === list.length - 1} onClick={() => move(index, index + 1)} />
                <IconButton
                  icon="trash"
                  label={`Remove ${label} ${index + 1}`}
                  disabled={disabled}
                  onClick={() => change(list.filter((_, i) => i !== index), path)}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <IconButton
        icon="plus"
        text="Add"
        label={`Add to ${label}`}
        disabled={disabled || atMax}
        onClick={() => change([...list, newListItem(items)], `${path}/${list.length}`)}
        data-testid="list-add"
      />
    </div>
  );
}
