import { formatCount } from '../format/count';

/**
 * Colours of the chart series. Charts draw in SVG attributes, where the theme's CSS
 * variables do not reach, so these are mid-tones that read on both themes.
 */
export const SERIES_COLORS = { in: '#3b7cf0', out: '#1fa463', errors: '#e0414d', p50: '#8b6cf0', p99: '#e08a1e' } as const;

/** Colours for one line per stage, in turn. */
export const STAGE_COLORS = ['#3b7cf0', '#e08a1e', '#1fa463', '#8b6cf0', '#e0414d', '#17a2b8', '#c2559b', '#7d8b2a'] as const;

export const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
export const exactClockTime = (ms: number) => new Date(ms).toLocaleTimeString();

/** A rate for axes and tooltips: 0.25, 12, 12.4k. */
export function formatRate(value: number): string {
  if (value > 0 && value < 10) return String(Number(value.toFixed(2)));
  return formatCount(value);
}

/** A batch time: 0.15 ms, 2.5 ms, 120 ms. */
export function formatMs(value: number): string {
  if (value < 1) return `${Number(value.toFixed(2))} ms`;
  if (value < 10) return `${Number(value.toFixed(1))} ms`;
  return `${formatCount(value)} ms`;
}

/** Round times every `stepMs` between start and end, for a time axis that reads like a clock. */
export function timeTicks(start: number, end: number, stepMs = 3 * 60_000): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(start / stepMs) * stepMs; t <= end; t += stepMs) ticks.push(t);
  return ticks;
}
