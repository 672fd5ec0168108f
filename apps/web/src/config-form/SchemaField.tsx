import { fieldKind, fieldLabel, type JsonSchema } from './json-schema';
import { FieldShell } from './FieldShell';
import { fieldId, useFormContext } from './form-context';
import { BooleanWidget } from './widgets/BooleanWidget';
import { EnumWidget } from './widgets/EnumWidget';
import { ExpressionWidget } from './widgets/ExpressionWidget';
import { JsonWidget } from './widgets/JsonWidget';
import { NumberWidget } from './widgets/NumberWidget';
import { SecretWidget } from './widgets/SecretWidget';
import { TextWidget } from './widgets/TextWidget';
import { ListWidget } from './widgets/ListWidget';
import { MapWidget } from './widgets/MapWidget';
import { ObjectFields } from './ObjectFields';
import type { WidgetProps } from './widgets/widget-props';

export interface SchemaFieldProps {
  path: string;
  /** The property name; the label is made from it unless `label` is given. */
  name: string;
  label?: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown, path: string) => void;
  required: boolean;
}

/** One field: the widget its schema calls for, inside its label, help and problems. */
export function SchemaField({ path, name, label, schema, value, onChange, required }: SchemaFieldProps) {
  const { issuesAt, expressionProblem, disabled, idPrefix } = useFormContext();
  const kind = fieldKind(schema);
  const id = fieldId(idPrefix, path);
  const live = kind.kind === 'expression' && typeof value === 'string' && value !== '' ? expressionProblem(value) : undefined;
  const errors = [...new Set([...(live ? [live] : []), ...issuesAt(path)])];
  const shownLabel = label ?? fieldLabel(name, schema);
  const describedBy = [schema.description ? `${id}-help` : '', errors.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const props: WidgetProps = {
    id,
    path,
    schema,
    value,
    onChange: (next) => onChange(next, path),
    required,
    invalid: errors.length > 0,
    describedBy,
    disabled,
    label: shownLabel,
  };
  const shell = { path, inputId: id, label: shownLabel, required, description: schema.description, errors };

  switch (kind.kind) {
    case 'boolean':
      return (
        <FieldShell {...shell} inline>
          <BooleanWidget {...props} />
        </FieldShell>
      );
    case 'object':
      return (
        <FieldShell {...shell} group>
          <fieldset className="field-group" aria-labelledby={`${id}-label`}>
            <ObjectFields path={path} properties={kind.properties} required={schema.required ?? []} value={value} onChange={onChange} />
          </fieldset>
        </FieldShell>
      );
    case 'list':
      return (
        <FieldShell {...shell} group>
          <ListWidget {...props} items={kind.items} onItemChange={onChange} />
        </FieldShell>
      );
    case 'map':
      return (
        <FieldShell {...shell} group>
          <MapWidget {...props} values={kind.values} keyPattern={kind.keyPattern} onEntryChange={onChange} />
        </FieldShell>
      );
    default:
      return <FieldShell {...shell}>{scalarWidget(kind, props)}</FieldShell>;
  }
}

function scalarWidget(kind: ReturnType<typeof fieldKind>, props: WidgetProps) {
  switch (kind.kind) {
    case 'secret':
      return <SecretWidget {...props} />;
    case 'expression':
      return <ExpressionWidget {...props} />;
    case 'enum':
      return <EnumWidget {...props} options={kind.options} />;
    case 'number':
      return <NumberWidget {...props} integer={kind.integer} />;
    case 'text':
      return <TextWidget {...props} />;
    default:
      return <JsonWidget {...props} />;
  }
}
