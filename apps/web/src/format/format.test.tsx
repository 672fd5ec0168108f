import { describe, expect, it } from 'vitest';
import { formatCount } from './count';
import { relativeTime } from './relative-time';

describe('formatting for people', () => {
  it('shortens counts the way a busy canvas needs', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(12_400)).toBe('12.4k');
    expect(formatCount(12_000)).toBe('12k');
    expect(formatCount(3_140_000)).toBe('3.1M');
    expect(formatCount(250_000)).toBe('250k');
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(relativeTime('2026-11-25T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-11-25T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-24T12:00:00Z', now)).toBe('yesterday');
  });
});
