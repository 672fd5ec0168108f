/**
 * Records the user pasted for a preview: a JSON array of objects, one object, or JSON
 * Lines (one object per line). Each object is a record's value.
 */
export type PastedRecords = { records: Record<string, unknown>[] } | { problem: string };

export function parsePastedRecords(text: string): PastedRecords {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Paste one or more JSON objects: an array, or one object per line.' };
  const whole = parseJson(trimmed);
  if (whole.ok) {
    const items = Array.isArray(whole.value) ? whole.value : [whole.value];
    const bad = items.findIndex((item) => !isRecordValue(item));
    if (bad >= 0) return { problem: `Item ${bad + 1} is not a JSON object: each record's value must be one.` };
    if (items.length === 0) return { problem: 'The array is empty: paste at least one record.' };
    return { records: items as Record<string, unknown>[] };
  }
  const lines = trimmed.split('\n').map((line) => line.trim());
  const records: Record<string, unknown>[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const parsed = parseJson(line);
    if (!parsed.ok) return { problem: `Line ${index + 1} is not valid JSON (${parsed.message}).` };
    if (!isRecordValue(parsed.value)) return { problem: `Line ${index + 1} is not a JSON object: each record's value must be one.` };
    records.push(parsed.value);
  }
  return { records };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
