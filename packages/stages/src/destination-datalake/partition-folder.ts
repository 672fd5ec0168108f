import { posix } from 'node:path';
import { getPath, splitPath } from '@duto/engine';
import { parseRecordTime } from '../common/record-time';

/** The folder a missing, null or empty partition field goes to. */
export const NULL_PARTITION = '__null__';

const MAX_SEGMENT_LENGTH = 200;

type TimeToken = 'yyyy' | 'MM' | 'dd' | 'HH' | 'mm';
type Part = { literal: string } | { time: TimeToken } | { field: string[] };

/** The span within which a time token cannot change (a UTC day has no leap seconds in JavaScript). */
const TOKEN_SPAN_MS: Record<TimeToken, number> = { mm: 60_000, HH: 3_600_000, dd: 86_400_000, MM: 86_400_000, yyyy: 86_400_000 };

/** A record that cannot be placed: it is refused alone, the rest of the batch goes on. */
export class PlacementError extends Error {}

/**
 * Places records in Hive-style partition folders: `path` plus the `partitionBy` template
 * with time placeholders filled from the record's time (UTC) and field placeholders from
 * field values made safe for a folder name.
 */
export class PartitionFolders {
  private readonly parts: Part[];
  private readonly timeField: string[] | undefined;
  /** The span of the finest time token: records in the same span share their time parts. */
  private readonly spanMs: number | undefined;
  /** The last folder made from time alone, and its span: a stream's records mostly share it. */
  private last: { span: number; folder: string } | undefined;

  constructor(
    private readonly path: string,
    template: string | undefined,
    private readonly timeFieldPath: string | undefined,
  ) {
    this.parts = compile(template ?? '');
    this.timeField = timeFieldPath === undefined ? undefined : splitPath(timeFieldPath);
    const spans = this.parts.flatMap((part) => ('time' in part ? [TOKEN_SPAN_MS[part.time]] : []));
    this.spanMs = spans.length > 0 ? Math.min(...spans) : undefined;
  }

  /** The folder of a record, relative to the lake root; `nowMs` is the processing time. */
  folderOf(value: Record<string, unknown>, nowMs: number): string {
    if (this.spanMs === undefined) return this.render(value, undefined);
    const ms = this.timeOf(value, nowMs);
    const span = Math.floor(ms / this.spanMs);
    if (this.last?.span === span) return this.last.folder;
    const folder = this.render(value, new Date(ms));
    // Field parts vary by record: only a folder of time parts alone can be reused.
    if (this.parts.every((part) => !('field' in part))) this.last = { span, folder };
    return folder;
  }

  private render(value: Record<string, unknown>, time: Date | undefined): string {
    let rendered = '';
    for (const part of this.parts) {
      if ('literal' in part) rendered += part.literal;
      else if ('time' in part) rendered += timePart(time!, part.time);
      else rendered += folderSafe(getPath(value, part.field));
    }
    return posix.join(this.path, rendered);
  }

  private timeOf(value: Record<string, unknown>, nowMs: number): number {
    if (this.timeField === undefined) return nowMs;
    const ms = parseRecordTime(getPath(value, this.timeField));
    if (ms === undefined || Number.isNaN(new Date(ms).getTime())) {
      throw new PlacementError(`timeField "${this.timeFieldPath}" is missing or not a time (epoch milliseconds or ISO-8601)`);
    }
    return ms;
  }
}

/**
 * A field value as one folder name: only [A-Za-z0-9._=-] kept, anything else becomes `_`,
 * never hidden or `..` (a leading dot becomes `_`), at most 200 characters.
 */
export function folderSafe(value: unknown): string {
  if (value === undefined || value === null || value === '') return NULL_PARTITION;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text
    .replace(/[^A-Za-z0-9._=-]/g, '_')
    .replace(/^\./, '_')
    .slice(0, MAX_SEGMENT_LENGTH);
}

function compile(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (match.index > last) parts.push({ literal: template.slice(last, match.index) });
    const token = match[1]!;
    parts.push(token.startsWith('field:') ? { field: splitPath(token.slice('field:'.length)) } : { time: token as TimeToken });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

function timePart(time: Date, token: TimeToken): string {
  switch (token) {
    case 'yyyy':
      return String(time.getUTCFullYear()).padStart(4, '0');
    case 'MM':
      return String(time.getUTCMonth() + 1).padStart(2, '0');
    case 'dd':
      return String(time.getUTCDate()).padStart(2, '0');
    case 'HH':
      return String(time.getUTCHours()).padStart(2, '0');
    case 'mm':
      return String(time.getUTCMinutes()).padStart(2, '0');
  }
}
