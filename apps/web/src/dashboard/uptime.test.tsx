import { describe, expect, it } from 'vitest';
import { formatDuration } from './Uptime';

describe('uptime', () => {
  it('reads in the two largest units', () => {
    expect(formatDuration(40_400)).toBe('40 s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12 min 05 s');
    expect(formatDuration(3 * 3_600_000 + 4 * 60_000 + 59_000)).toBe('3 h 04 min');
    expect(formatDuration(2 * 86_400_000 + 5 * 3_600_000)).toBe('2 d 05 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
