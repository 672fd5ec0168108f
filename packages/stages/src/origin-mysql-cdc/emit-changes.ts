import type { Emit, StageContext } from '@duto/engine';
import { formatPosition } from './binlog-position';
import type { BinlogReader } from './binlog-reader';
import type { ChangeBatch, ChangeBuffer } from './change-buffer';

/**
 * Emits the buffered changes in batches of `settings.batchSize`, or what came within
 * `settings.batchWaitMs` of the first change, and commits the position after the last
 * complete transaction of each batch once the emit resolved. At stop, reading ends first,
 * then every complete transaction still buffered is emitted and committed.
 */
export async function emitUntilStopped(reader: BinlogReader, buffer: ChangeBuffer, context: StageContext, emit: Emit): Promise<void> {
  const { signal, settings, offsets } = context;
  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  let committed: string | undefined;
  const deliver = async (batch: ChangeBatch) => {
    if (batch.records.length > 0) await emit({ records: batch.records });
    const position = batch.resumeAt && formatPosition(batch.resumeAt);
    if (position !== undefined && position !== committed) {
      await offsets.commit(position);
      committed = position;
    }
  };

  while (!signal.aborted) {
    if (buffer.isEmpty) await Promise.race([buffer.nextArrival(), stopped, reader.failed]);
    let waited = false;
    const batchWait = delay(settings.batchWaitMs).then(() => void (waited = true));
    while (buffer.changes < settings.batchSize && !signal.aborted && !waited) {
      await Promise.race([buffer.nextArrival(), batchWait, stopped, reader.failed]);
    }
    if (signal.aborted) break;
    await deliver(buffer.take(settings.batchSize));
    reader.resumeIfRoom();
  }
  await reader.stop();
  await deliver(buffer.takeCompleted());
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
