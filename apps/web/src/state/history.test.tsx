import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, COALESCE_MS, HISTORY_LIMIT, record, redo, startHistory, undo } from './history';

describe('undo history', () => {
  it('undoes and redoes steps in order, and a new edit drops the redo branch', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('records nothing for an unchanged value', () => {
    const h = startHistory({ n: 1 });
    expect(record(h, h.present)).toBe(h);
  });

  it(`keeps at least 50 steps (the last ${HISTORY_LIMIT})`, () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = record(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    for (let i = 0; i < 50; i++) h = undo(h);
    expect(h.present).toBe(HISTORY_LIMIT + 20 - 50);
    expect(h.past[0]).toBe(20);
  });

  it('merges quick edits of the same field into one step, but not edits of different fields or slow ones', () => {
    let h = startHistory('');
    h = record(h, 'h', 'name', 1000);
    h = record(h, 'he', 'name', 1200);
    h = record(h, 'hel', 'name', 1400);
    expect(h.past).toEqual(['']);
    h = record(h, 'hel!', 'other', 1500);
    expect(h.past).toEqual(['', 'hel']);
    h = record(h, 'hel!!', 'other', 1500 + COALESCE_MS + 1);
    expect(h.past).toEqual(['', 'hel', 'hel!']);
    expect(undo(h).present).toBe('hel!');
  });
});
