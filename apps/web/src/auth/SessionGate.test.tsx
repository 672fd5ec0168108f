// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { useSessionStore } from './session-store';
import { SessionGate } from './SessionGate';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** The server, as a queue of answers per "METHOD path"; every request is recorded. */
function fakeServer(answers: Record<string, Array<Answer | Promise<Answer>>>) {
  const requests: Array<{ key: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      requests.push({ key, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
      const answer = await answers[key]?.shift();
      if (!answer) throw new Error(`unexpected request ${key}`);
      const text = answer.body === undefined ? null : JSON.stringify(answer.body);
      return new Response(text, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
    }),
  );
  return requests;
}

const refused = (status: number, message: string, headers?: Record<string, string>): Answer => ({ status, body: { errors: [{ path: '', message }] }, headers });
const admin = { status: 200, body: { username: 'ada', role: 'admin', via: 'session' } };

async function logIn(password: string) {
  await userEvent.type(screen.getByLabelText('Username'), 'ada');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

beforeEach(() => {
  useSessionStore.setState({ session: { state: 'checking' } });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the session gate and the login form', () => {
  it('sends a browser without a session to the login page, says why a login fails, and then returns to the page asked for', async () => {
    let letIn!: (answer: Answer) => void;
    const requests = fakeServer({
      'GET /api/auth/me': [refused(401, 'log in first'), admin],
      'POST /api/auth/login': [
        refused(401, 'wrong username or password'),
        refused(429, 'too many failed logins; try again in 42 s', { 'retry-after': '42' }),
        new Promise<Answer>((resolve) => (letIn = resolve)),
      ],
    });
    act(() => navigate('/pipelines/p-1/errors'));
    render(
      <SessionGate>
        <p>the app</p>
      </SessionGate>,
    );

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Fpipelines%2Fp-1%2Ferrors');
    expect(screen.queryByText('the app')).toBeNull();

    await logIn('not-it');
    expect((await screen.findByTestId('login-problem')).textContent).toBe('Wrong username or password.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));

    await userEvent.type(screen.getByLabelText('Password'), 'still-not-it');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByTestId('login-problem')).textContent).toBe('Too many attempts, try again in 42 s.');

    await userEvent.type(screen.getByLabelText('Password'), 'right-one');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const waiting = await screen.findByRole('button', { name: 'Logging in…' });
    expect((waiting as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('login-problem')).toBeNull();

    await act(async () => letIn({ status: 204 }));
    expect(await screen.findByText('the app')).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/pipelines/p-1/errors');
    expect(requests.filter((r) => r.key === 'POST /api/auth/login').map((r) => r.body)).toEqual([
      { username: 'ada', password: 'not-it' },
      { username: 'ada', password: 'still-not-it' },
      { username: 'ada', password: 'right-one' },
    ]);
  });

  it('goes back to the login page, keeping the address, when any call answers 401', async () => {
    fakeServer({ 'GET /api/auth/me': [admin], 'GET /api/pipelines': [refused(401, 'your session has expired')] });
    act(() => navigate('/lake/iot'));
    render(
      <SessionGate>
        <p>the app</p>
      </SessionGate>,
    );
    expect(await screen.findByText('the app')).toBeTruthy();

    await act(async () => {
      await expect(api.listPipelines()).rejects.toThrow('your session has expired');
    });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Flake%2Fiot');
  });

  it('does not mistake a server it cannot reach for a logged-out user', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    act(() => navigate('/'));
    render(
      <SessionGate>
        <p>the app</p>
      </SessionGate>,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not tell whether you are logged in: The Duto server cannot be reached/);
    expect(screen.queryByRole('heading', { name: 'Log in' })).toBeNull();
  });
});
