import { posix } from 'node:path';
import { getPath } from '@duto/engine';
import { parseRecordTime } from '../common/record-time';

/** The folder a missing, null or empty partition field goes to. */
export const NULL_PARTITION = '__null__';

const MAX_SEGMENT_LENGTH = 200;

type TimeToken = 'yyyy' | 'MM' | 'dd' | 'HH' | 'mm';
type Part = { literal: string } | { time: TimeToken } | { field: string };

/** A record that cannot be placed: it is refused alone, the rest of the batch goes on. */
export class PlacementError extends Error {}

/**
 * Places records in Hive-style partition folders: `path` plus the `partitionBy` template
 * with time placeholders filled from the record's time (UTC) and field placeholders from
 * field values made safe for a folder name.
 */
export class PartitionFolders {
  private readonly parts: Part[];
  private readonly usesTime: boolean;

  constructor(
    private readonly path: string,
    template: string | undefined,
    private readonly timeField: string | undefined,
  ) {
    this.parts = compile(template ?? '');
    this.usesTime = this.parts.some((part) => 'time' in part);
  }

  /** The folder of a record, relative to the lake root; `nowMs` is the processing time. */
  folderOf(value: Record<string, unknown>, nowMs: number): string {
    const time = this.usesTime ? this.timeOf(value, nowMs) : undefined;
    let rendered = '';
    for (const part of this.parts) {
      if ('literal' in part) rendered += part.literal;
      else if ('time' in part) rendered += timePart(time!, part.time);
      else rendered += folderSafe(getPath(value, part.field));
    }
    return posix.join(this.path, rendered);
  }

  private timeOf(value: Record<string, unknown>, nowMs: number): Date {
    if (this.timeField === undefined) return new Date(nowMs);
    const ms = parseRecordTime(getPath(value, this.timeField));
    const time = ms === undefined ? undefined : new Date(ms);
    if (time === undefined || Number.isNaN(time.getTime())) {
      throw new PlacementError(`timeField "${this.timeField}" is missing or not a time (epoch milliseconds or ISO-8601)`);
    }
    return time;
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
    parts.push(token.startsWith('field:') ? { field: token.slice('field:'.length) } : { time: token as TimeToken });
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
