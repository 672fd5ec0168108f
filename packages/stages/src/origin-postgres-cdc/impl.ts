import { urlEndpoint } from '../common/endpoints';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { BatchQueue, implementStage, type Emit, type StageContext } from '@duto/engine';
import { originPostgresCdc } from './meta';
import { acknowledgeArgument } from './lsn';
import { changeRecord, type ChangeEntry } from './changes';
import { toJsonObject } from '../common/json-values';
import { previewPostgresCdcOrigin } from './preview';
import { createSlot, createSlotWithSnapshot, dropSlot, ensurePublication, pgConnection, readSnapshot, slotConfirmedLsn, slotExists, type PgConfig } from './setup';
import { pgClient } from '../common/pg-client';
import { retainedSlot } from './retained';

const STOP_WAIT_MS = 5000;

interface SnapshotState {
  snapshot?: 'done';
}

/**
 * Logical replication with pgoutput. The slot is the committed position: its confirmed
 * LSN is moved to the end of a transaction only after every change of it has been emitted
 * and the emit resolved, so a restart resumes exactly there. With `snapshot`, the slot is
 * created first and the tables are read in its exported snapshot, then streaming starts at
 * the slot's consistent point: no change between the two is lost or read twice.
 */
export const originPostgresCdcImpl = implementStage(originPostgresCdc, (config, context) => {
  const pgConfig = pgConnection(config);
  if (context.mode === 'preview') return { kind: 'origin', runtime: previewPostgresCdcOrigin(config, pgConfig, context) };
  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        const slotConfirmed = await prepare(config.tables, config.publication, config.slotName, config.snapshot!, pgConfig, context, emit, ready);
        if (context.signal.aborted) return;
        await stream(config.slotName, slotConfirmed, config.publication, pgConfig, context, emit);
      },
    },
  };
}, { endpoints: (config) => urlEndpoint('/connectionString', config.connectionString), retained: retainedSlot });

async function prepare(
  tables: string[],
  publication: string,
  slot: string,
  snapshot: boolean,
  pgConfig: PgConfig,
  context: StageContext,
  emit: Emit,
  ready: () => void,
): Promise<string | undefined> {
  const admin = pgClient(pgConfig);
  await admin.connect();
  try {
    await ensurePublication(admin, publication, tables);
    const state = JSON.parse((await context.offsets.read()) ?? '{}') as SnapshotState;
    const hasSlot = await slotExists(admin, slot);
    if (snapshot && state.snapshot !== 'done') {
      // A snapshot that did not finish cannot be resumed: its exported snapshot is gone.
      if (hasSlot) await dropSlot(admin, slot);
      if (await takeSnapshot(tables, slot, pgConfig, context, emit, ready)) {
        await context.offsets.commit(JSON.stringify({ snapshot: 'done' } satisfies SnapshotState));
      }
    } else if (!hasSlot) {
      await createSlot(admin, slot);
    }
    // From the slot's creation on, every change is kept for this origin.
    ready();
    return await slotConfirmedLsn(admin, slot);
  } finally {
    await admin.end();
  }
}

/** Whether the snapshot was read to the end (a stop interrupts it; it is taken again). */
async function takeSnapshot(
  tables: string[],
  slot: string,
  pgConfig: PgConfig,
  context: StageContext,
  emit: Emit,
  ready: () => void,
): Promise<boolean> {
  const { replication, snapshot, consistentPoint } = await createSlotWithSnapshot(pgConfig, slot);
  ready();
  try {
    context.logger.info('reading the snapshot of the tables', { slot, consistentPoint });
    for await (const page of readSnapshot(pgConfig, snapshot, tables, context.settings.batchSize)) {
      const attributes = { 'cdc.op': 'insert', 'cdc.table': page.table, 'cdc.lsn': consistentPoint, 'cdc.snapshot': 'true' };
      await emit({ records: page.rows.map((row) => ({ value: toJsonObject(row), attributes })) });
      if (context.signal.aborted) return false;
    }
    return true;
  } finally {
    await replication.end();
  }
}

/** `slotConfirmed`: the slot's confirmed position as this run starts, if it has one. */
async function stream(slot: string, slotConfirmed: string | undefined, publication: string, pgConfig: PgConfig, context: StageContext, emit: Emit): Promise<void> {
  const { signal, settings } = context;
  const queue = new BatchQueue<ChangeEntry>(settings.batchSize * 4);
  const service = new LogicalReplicationService(pgConfig, {
    acknowledge: { auto: false, timeoutSeconds: 0 },
    flowControl: { enabled: true },
  });
  let confirmed = slotConfirmed;
  /** Ends a wait for room once the loop no longer takes: a stop must not read on unbounded. */
  const reading = new AbortController();
  let stoppedAt: number | undefined;
  /** How long a stop waits for the commit of the transaction under way before leaving it to the next run. */
  const stopDeadline = () => (stoppedAt ??= Date.now()) + STOP_WAIT_MS;
  const fail = (error: unknown) => queue.fail(error instanceof Error ? error : new Error(String(error)));

  let inTransaction = false;
  service.on('data', async (lsn: string, message: Pgoutput.Message) => {
    // Stopping: the transaction under way is still read to its commit, so that a clean stop
    // confirms everything it emitted; what comes after is not taken, and comes again next time.
    if (signal.aborted && !inTransaction) return;
    if (message.tag === 'begin') inTransaction = true;
    if (message.tag === 'commit') {
      inTransaction = false;
      queue.push({ kind: 'commit', endLsn: message.commitEndLsn! });
    } else if (message.tag !== 'begin') {
      const record = changeRecord(lsn, message);
      if (record) queue.push({ kind: 'change', record });
      else if (message.tag === 'truncate') context.logger.warn('TRUNCATE is not captured', { tables: message.relations.map((r) => r.name) });
    }
    await queue.room(reading.signal);
  });
  // The server asks for a status now and then and ends a stream that does not answer
  // (wal_sender_timeout): it hears the confirmed position, never the received one, and
  // before this run confirmed anything, the slot's own.
  service.on('heartbeat', (_lsn: string, _time: number, shouldRespond: boolean) => {
    if (shouldRespond && confirmed) service.acknowledge(acknowledgeArgument(confirmed)).catch(fail);
  });
  service.on('error', (error: Error) => fail(error));
  service.subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: [publication] }), slot).then(
    () => fail(new Error('the replication stream ended')),
    (error: unknown) => fail(error),
  );

  try {
    for (;;) {
      const entries = await queue.take(settings.batchSize, settings.batchWaitMs, signal);
      const records = entries.flatMap((e) => (e.kind === 'change' ? [e.record] : []));
      const lastCommit = entries.findLast((e) => e.kind === 'commit');
      if (records.length > 0) await emit({ records });
      if (lastCommit?.kind === 'commit') {
        confirmed = lastCommit.endLsn;
        await service.acknowledge(acknowledgeArgument(confirmed));
      }
      if (signal.aborted) {
        // Past the deadline the unconfirmed rest is left to the next run (read again from the slot).
        if ((queue.length === 0 && !inTransaction) || Date.now() > stopDeadline()) break;
        if (queue.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  } finally {
    reading.abort();
    await service.stop().catch(() => {});
  }
}
