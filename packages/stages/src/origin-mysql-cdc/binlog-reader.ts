import ZongJi, { type AnyBinlogEvent } from '@vlasky/zongji';
import type { ConnectionOptions } from 'mysql2';
import { positionText, type BinlogPosition } from './binlog-position';
import type { ChangeBuffer } from './change-buffer';
import { changeRecords, type RowsEvent } from './change-records';

export interface BinlogReaderOptions {
  connection: ConnectionOptions;
  serverId: number;
  /** Captured tables by database. */
  tables: Record<string, string[]>;
  from: BinlogPosition;
  buffer: ChangeBuffer;
  /** Reading pauses while the buffer holds more changes than this. */
  maxBuffered: number;
}

const ROW_EVENTS = new Set(['writerows', 'updaterows', 'deleterows']);

/**
 * Reads the row binlog from a position into a ChangeBuffer through zongji, which cannot be
 * told to wait: when the buffer is full, the binlog connection's socket is paused (as zongji
 * itself does while it looks a table up), so the server's sending blocks instead of the
 * buffer growing. The server drops a connection that stays blocked past its
 * net_write_timeout (60 s by default); the origin then fails and restarts from its commit.
 */
export class BinlogReader {
  private readonly zongji: ZongJi;
  private readonly options: BinlogReaderOptions;
  private paused = false;
  private started = false;
  private fail!: (error: Error) => void;
  /** Rejects when reading fails. */
  readonly failed: Promise<never>;

  constructor(options: BinlogReaderOptions) {
    this.options = options;
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => {});
    // Time values as text keep their microseconds; TIMESTAMP text is in UTC.
    this.zongji = new ZongJi({ ...options.connection, dateStrings: true, timezone: 'Z' });
    this.zongji.on('error', (error) => this.fail(error));
    this.zongji.on('binlog', (event) => this.onEvent(event));
  }

  /** Resolves once the binlog stream is open at the position. */
  start(): Promise<void> {
    this.started = true;
    const ready = new Promise<void>((resolve) => this.zongji.once('ready', () => resolve()));
    this.zongji.start({
      serverId: this.options.serverId,
      filename: this.options.from.file,
      position: this.options.from.position,
      includeEvents: ['tablemap', 'writerows', 'updaterows', 'deleterows', 'xid', 'query', 'rotate'],
      includeSchema: this.options.tables,
    });
    return Promise.race([ready, this.failed]);
  }

  /** Reading goes on once the buffer has room again. */
  resumeIfRoom(): void {
    if (!this.paused || this.options.buffer.changes > this.options.maxBuffered / 2) return;
    this.paused = false;
    this.zongji.connection?.resume();
  }

  stop(): Promise<void> {
    if (!this.started || this.zongji.stopped) return Promise.resolve();
    const stopped = new Promise<void>((resolve) => this.zongji.once('stopped', () => resolve()));
    this.zongji.stop();
    return stopped;
  }

  private onEvent(event: AnyBinlogEvent): void {
    const name = event.getEventName();
    const { filename, position } = this.zongji.options;
    // zongji keeps (filename, position) at the last transaction boundary it passed.
    const at = { file: filename!, position: position! };
    if (ROW_EVENTS.has(name)) {
      for (const record of changeRecords(event as RowsEvent, positionText(at))) this.options.buffer.addChange(record);
    } else if (name === 'xid' || name === 'rotate' || (name === 'query' && !isBegin(event))) {
      this.options.buffer.addBoundary(at);
    }
    this.pauseIfFull(name);
  }

  private pauseIfFull(eventName: string): void {
    // Never on a table map: zongji delivers those from its own lookup and resumes right after.
    if (this.paused || eventName === 'tablemap' || this.options.buffer.changes < this.options.maxBuffered) return;
    this.paused = true;
    this.zongji.connection?.pause();
  }
}

function isBegin(event: AnyBinlogEvent): boolean {
  return 'query' in event && event.query.trim().toUpperCase() === 'BEGIN';
}
