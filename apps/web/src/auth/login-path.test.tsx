import { describe, expect, it } from 'vitest';
import { loginHref, nextFromSearch } from './login-path';

describe('the login page address', () => {
  it('carries the page asked for, with its query, and gives it back', () => {
    const href = loginHref('/pipelines/p-1/errors?stage=a');
    expect(href).toBe('/login?next=%2Fpipelines%2Fp-1%2Ferrors%3Fstage%3Da');
    expect(nextFromSearch(new URL(href, 'http://duto.test').search)).toBe('/pipelines/p-1/errors?stage=a');
  });

  it('carries nothing for the start page or the login page itself', () => {
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('/login?next=%2Flake')).toBe('/login');
    expect(nextFromSearch('')).toBe('/');
  });

  it('never sends a user off this app after logging in', () => {
    for (const next of ['https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', 'lake']) {
      expect(nextFromSearch(`?next=${encodeURIComponent(next)}`), next).toBe('/');
    }
  });
});
