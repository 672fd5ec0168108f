// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Secret, type Role, type SecretSummary } from '@duto/model';
import { useSessionStore } from '../../auth/session-store';
import type { JsonSchema } from '../json-schema';
import { SchemaForm } from '../SchemaForm';

const schema = { type: 'object', properties: { password: Secret({ description: 'The password.' }) } } as unknown as JsonSchema;

const OWN = 'p-1.in.password';
const SECRETS: SecretSummary[] = [
  { name: OWN, updatedAt: '2026-11-25T10:00:00.000Z', pipelineId: 'p-1' },
  { name: 'other-pipeline.in.password', updatedAt: '2026-11-25T10:00:00.000Z', pipelineId: 'p-2' },
  { name: 'warehouse-db', updatedAt: '2026-11-25T10:00:00.000Z' },
  { name: 'broker-token', updatedAt: '2026-11-25T10:00:00.000Z' },
];

function signedInAs(role: Role) {
  useSessionStore.setState({ session: { state: 'signed-in', me: { username: 'u', role, via: 'session' } } });
}

/** GET /api/secrets answers `secrets`; the calls are counted. */
function secretsServer(secrets: SecretSummary[]) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(secrets), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** The form as a stage panel uses it; `values` is every value it reported. */
function renderField(initial: Record<string, unknown>, disabled = false) {
  const values: Array<Record<string, unknown>> = [];
  function Harness() {
    const [value, setValue] = useState<unknown>(initial);
    return (
      <SchemaForm
        schema={schema}
        value={value}
        disabled={disabled}
        idPrefix="test"
        onChange={(next) => {
          values.push(next as Record<string, unknown>);
          setValue(next);
        }}
      />
    );
  }
  render(<Harness />);
  const field = document.querySelector<HTMLElement>('[data-field-path="/password"]')!;
  return { values, field, source: () => within(field).getByTestId('secret-source') as HTMLSelectElement };
}

const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);

beforeEach(() => signedInAs('editor'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a secret field', () => {
  it('takes a typed value in a password field, never shown', async () => {
    secretsServer(SECRETS);
    const { values, field } = renderField({});
    const input = within(field).getByLabelText('Password') as HTMLInputElement;
    expect(input.type).toBe('password');
    await userEvent.type(input, 's3cret');
    expect(values.at(-1)).toEqual({ password: 's3cret' });
    await userEvent.clear(input);
    expect(values.at(-1)).toEqual({});
  });

  it('shows the reference the server answered as a stored secret, keeps it as it is, and can go back to it after typing a new value', async () => {
    secretsServer(SECRETS);
    const { values, field, source } = renderField({ password: { secret: OWN } });
    expect(await within(field).findByTestId('stored-secret')).toBeTruthy();
    expect(within(field).queryByLabelText('Password')?.getAttribute('type')).not.toBe('password');
    expect(field.textContent).not.toContain(OWN);
    expect(source().selectedOptions[0]!.textContent).toBe('Stored secret');
    expect(values).toEqual([]);

    await userEvent.selectOptions(source(), 'Type a new value');
    await userEvent.type(within(field).getByLabelText('Password'), 'n3w');
    expect(values.at(-1)).toEqual({ password: 'n3w' });

    await userEvent.selectOptions(source(), 'Stored secret');
    expect(values.at(-1)).toEqual({ password: { secret: OWN } });
    expect(within(field).getByTestId('stored-secret')).toBeTruthy();
  });

  it('offers the shared secrets by name (not other pipelines\' own ones) and sends the chosen one as a reference', async () => {
    secretsServer(SECRETS);
    const { values, source } = renderField({});
    await screen.findByRole('option', { name: 'Secret warehouse-db' });
    expect(optionTexts(source())).toEqual(['Type a value', 'Secret warehouse-db', 'Secret broker-token']);
    await userEvent.selectOptions(source(), 'Secret broker-token');
    expect(values.at(-1)).toEqual({ password: { secret: 'broker-token' } });
    expect(source().selectedOptions[0]!.textContent).toBe('Secret broker-token');
  });

  it('says when it names a secret that does not exist', async () => {
    secretsServer(SECRETS);
    const { field, source } = renderField({ password: { secret: 'gone' } });
    expect(await within(field).findByText(/No secret is named “gone”/)).toBeTruthy();
    expect(source().selectedOptions[0]!.textContent).toBe('Secret gone (missing)');
  });

  it('asks a viewer\'s browser for no secret list, and shows a reference as stored', async () => {
    signedInAs('viewer');
    const fetch = secretsServer(SECRETS);
    const { field, source } = renderField({ password: { secret: 'warehouse-db' } }, true);
    expect(within(field).getByTestId('stored-secret')).toBeTruthy();
    expect(source().disabled).toBe(true);
    expect(within(field).queryByText('Manage secrets')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
