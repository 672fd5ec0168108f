/** What reading one file yields, whatever its format. */

/** Where reading resumes: lines (json: array elements) consumed, and for line formats the byte where the next line starts. */
export interface FilePosition {
  line: number;
  byte: number;
}

export const START_OF_FILE: FilePosition = { line: 0, byte: 0 };

/** The most of a bad line or record kept in its error record. */
export const RAW_LIMIT = 64 * 1024;

export type FileItem =
  | { kind: 'record'; value: Record<string, unknown>; line: number; next: FilePosition }
  /** `line` is absent when the whole file is unreadable. */
  | { kind: 'failure'; raw: string; reason: string; line?: number; next: FilePosition };

export type ReadFileItems = (path: string, from: FilePosition) => AsyncGenerator<FileItem>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function failure(raw: string, reason: string, line: number | undefined, next: FilePosition): FileItem {
  return { kind: 'failure', raw: raw.slice(0, RAW_LIMIT), reason, line, next };
}
