/**
 * The JSON text a record's value was decoded from, for as long as the value is that very
 * object. Values are never changed in place (field-path.ts copies along the path it sets),
 * so a value object that reaches a destination unchanged still means exactly its text, and
 * a destination writing JSON can write that text instead of serializing the value again:
 * the largest cost of a pass-through pipeline, and untouched numbers keep every digit they
 * came with. Kept on the value as a non-enumerable symbol property: copies (spread,
 * Object.assign) do not take it, JSON, IPC and the error store never see it, and it costs
 * less than a WeakMap entry (0.3 against 0.5 µs a record, and no ephemeron work for the
 * garbage collector).
 */
const TEXT = Symbol('duto.json-text');

type WithText = Record<string, unknown> & { [TEXT]?: string };

/** Notes that `value` was just parsed from `text` (a JSON object). */
export function rememberText(value: object, text: string): void {
  Object.defineProperty(value, TEXT, { value: text });
}

/** The value as JSON: the text it was decoded from when it is unchanged, else serialized. */
export function valueJson(value: Record<string, unknown>): string {
  return (value as WithText)[TEXT] ?? JSON.stringify(value);
}

/** The same on one line (a JSON-lines file): a decoded text that spans lines is serialized. */
export function valueJsonLine(value: Record<string, unknown>): string {
  const text = (value as WithText)[TEXT];
  return text !== undefined && text.indexOf('\n') === -1 && text.indexOf('\r') === -1 ? text : JSON.stringify(value);
}
