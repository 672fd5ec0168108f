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
  const wake = () => buffer.wake();
  signal.addEventListener('abort', wake, { once: true });
  reader.failed.catch((error: unknown) => buffer.fail(error instanceof Error ? error : new Error(String(error))));
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
    if (buffer.isEmpty) await buffer.nextArrival();
    const deadline = Date.now() + settings.batchWaitMs;
    while (buffer.changes < settings.batchSize && !signal.aborted && Date.now() < deadline) {
      await buffer.nextArrival(deadline - Date.now());
    }
    if (signal.aborted) break;
    await deliver(buffer.take(settings.batchSize));
    reader.resumeIfRoom();
  }
  signal.removeEventListener('abort', wake);
  await reader.stop();
  await deliver(buffer.takeCompleted());
}
