import { describe, expect, it } from 'vitest';
import { formatMs, formatRate, timeTicks } from './chart-format';

describe('chart formatting', () => {
  it('puts time ticks on round steps inside the window', () => {
    const start = Date.parse('2026-11-25T10:01:30Z');
    expect(timeTicks(start, start + 15 * 60_000).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:03', '10:06', '10:09', '10:12', '10:15']);
  });

  it('shows small rates with decimals and large ones short', () => {
    expect(formatRate(0.256)).toBe('0.26');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(12_400)).toBe('12.4k');
  });

  it('keeps sub-millisecond batch times apart', () => {
    expect([0.05, 0.15, 0.2].map(formatMs)).toEqual(['0.05 ms', '0.15 ms', '0.2 ms']);
    expect(formatMs(2.46)).toBe('2.5 ms');
    expect(formatMs(1234)).toBe('1.2k ms');
  });
});
