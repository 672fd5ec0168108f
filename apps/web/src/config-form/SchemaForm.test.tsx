// @vitest-environment jsdom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonataSyntaxProblem } from '@duto/model';
import { fixtureEntries } from '../test-support/catalog-fixture';
import { defaultValue, type JsonSchema } from './json-schema';
import { SchemaForm, type FormIssue } from './SchemaForm';

afterEach(cleanup);

const schemaOf = (type: string) => fixtureEntries.find((e) => e.type === type)!.configSchema as JsonSchema;

/** The form as the stage panel uses it: it owns the value and reports every change. */
function renderForm(schema: JsonSchema, initial: unknown, issues: FormIssue[] = []) {
  const changes: Array<{ value: unknown; path: string }> = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <SchemaForm
        schema={schema}
        value={value}
        issues={issues}
        expressionProblem={jsonataSyntaxProblem}
        idPrefix="test"
        onChange={(next, path) => {
          changes.push({ value: next, path });
          setValue(next);
        }}
      />
    );
  }
  render(<Harness />);
  const last = () => changes[changes.length - 1]?.value as Record<string, unknown>;
  const field = (path: string) => document.querySelector<HTMLElement>(`[data-field-path="${path}"]`)!;
  return { changes, last, field };
}

describe('the schema-driven config form', () => {
  it('pre-fills defaults and renders enums as selects, numbers as number inputs', async () => {
    const schema = schemaOf('origin.generator');
    const initial = defaultValue(schema);
    expect(initial).toEqual({ template: 'iot-sensor', recordsPerSecond: 100 });
    const { last } = renderForm(schema, initial);

    const template = screen.getByLabelText('Template') as HTMLSelectElement;
    expect(template.tagName).toBe('SELECT');
    expect(template.selectedOptions[0]!.textContent).toBe('iot-sensor');
    expect(screen.getByLabelText('Records per second')).toHaveProperty('type', 'number');
    expect((screen.getByLabelText('Records per second') as HTMLInputElement).value).toBe('100');
    expect(screen.getByText('What to make.')).toBeTruthy();

    await userEvent.selectOptions(template, 'sequence');
    expect(last().template).toBe('sequence');

    const count = screen.getByLabelText('Count');
    await userEvent.type(count, '25');
    expect(last().count).toBe(25);
    await userEvent.clear(count);
    expect('count' in last()).toBe(false);
  });

  it('marks required fields', () => {
    const { field } = renderForm(schemaOf('destination.kafka'), {});
    expect(within(field('/topic')).getByTitle('required')).toBeTruthy();
    expect(within(field('/acks')).queryByTitle('required')).toBeNull();
  });

  it('renders booleans as checkboxes showing their default', async () => {
    const { last } = renderForm(schemaOf('destination.kafka'), { topic: 't' });
    const acks = screen.getByLabelText('Acks') as HTMLInputElement;
    expect(acks.type).toBe('checkbox');
    expect(acks.checked).toBe(true);
    await userEvent.click(acks);
    expect(last().acks).toBe(false);
  });

  it('edits a list of objects: add with defaults, fill, reorder, remove', async () => {
    const { last, field } = renderForm(schemaOf('processor.router'), { defaultLane: 'default' });
    await userEvent.click(screen.getByRole('button', { name: 'Add to Routes' }));
    expect(last().routes).toEqual([{}]);
    await userEvent.type(within(field('/routes/0/lane')).getByRole('textbox'), 'hot');
    await userEvent.type(within(field('/routes/0/condition')).getByRole('textbox'), 'temperature > 30');
    await userEvent.click(screen.getByRole('button', { name: 'Add to Routes' }));
    await userEvent.type(within(field('/routes/1/lane')).getByRole('textbox'), 'cold');
    expect(last().routes).toEqual([{ lane: 'hot', condition: 'temperature > 30' }, { lane: 'cold' }]);

    await userEvent.click(screen.getByRole('button', { name: 'Move Routes 2 up' }));
    expect(last().routes).toEqual([{ lane: 'cold' }, { lane: 'hot', condition: 'temperature > 30' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Routes 1' }));
    expect(last().routes).toEqual([{ lane: 'hot', condition: 'temperature > 30' }]);
    expect((within(field('/routes/0/lane')).getByRole('textbox') as HTMLInputElement).value).toBe('hot');
  });

  it('checks a JSONata expression as it is typed', async () => {
    const { field } = renderForm(schemaOf('processor.expression'), { fields: [{ path: 'f', expression: '' }] });
    const input = within(field('/fields/0/expression')).getByRole('textbox');
    expect(input.className).toContain('input-code');
    await userEvent.type(input, 'temperature >');
    expect(within(field('/fields/0/expression')).getByTestId('field-error').textContent).toMatch(/invalid JSONata expression/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(input, ' 30');
    expect(within(field('/fields/0/expression')).queryByTestId('field-error')).toBeNull();
  });

  it('takes a secret in a password field, beside the choice of a stored secret (SecretWidget.test.tsx has the rest)', async () => {
    const { last, field } = renderForm(schemaOf('destination.kafka'), { topic: 't' });
    const password = within(field('/password')).getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    await userEvent.type(password, 's3cret');
    expect(last().password).toBe('s3cret');
    expect(within(field('/password')).getByLabelText('Where Password comes from').tagName).toBe('SELECT');
  });

  it('shows each problem on the field it is about', () => {
    const { field } = renderForm(
      schemaOf('processor.router'),
      { routes: [{ lane: 'Bad Lane', condition: 'true' }], defaultLane: 'default' },
      [
        { path: '/routes/0/lane', message: 'must match the pattern ^[a-z0-9][a-z0-9_-]{0,63}$' },
        { path: '/surprise', message: 'is not a known property here' },
      ],
    );
    const lane = field('/routes/0/lane');
    expect(lane.dataset.invalid).toBe('true');
    expect(within(lane).getByTestId('field-error').textContent).toMatch(/must match the pattern/);
    expect(within(lane).getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
    expect(field('/routes/0/condition').dataset.invalid).toBeUndefined();
    expect(field('/defaultLane').dataset.invalid).toBeUndefined();
    // A problem no field shows is listed above the form, not lost.
    expect(screen.getByTestId('form-problems').textContent).toContain('/surprise: is not a known property here');
  });

  it('knows no stage by name', () => {
    const names = fixtureEntries.map((e) => e.type).concat(['origin.', 'processor.', 'destination.', 'router', 'kafka', 'datalake', 'mqtt', 'generator', 'jdbc', 'postgres']);
    const files = sourceFiles(join(import.meta.dirname));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').toLowerCase();
      for (const name of names) expect(text.includes(name.toLowerCase()), `${file} mentions ${name}`).toBe(false);
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}
