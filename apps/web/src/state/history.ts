/**
 * Undo history of immutable values. Each entry is a whole value: documents share their
 * unchanged parts, so a step costs only what it changed. Edits that carry the same
 * coalesce key in quick succession (typing in one field) become one step.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The key and time of the last recorded edit, for coalescing. */
  last?: { key: string; at: number };
}

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 1500;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records `next` as the new present; an unchanged value records nothing. */
export function record<T>(history: History<T>, next: T, coalesceKey?: string, now: number = Date.now()): History<T> {
  if (next === history.present) return history;
  const coalesce =
    coalesceKey !== undefined && history.last?.key === coalesceKey && now - history.last.at < COALESCE_MS && history.future.length === 0;
  const last = coalesceKey === undefined ? undefined : { key: coalesceKey, at: now };
  if (coalesce) return { ...history, present: next, last };
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], last };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
