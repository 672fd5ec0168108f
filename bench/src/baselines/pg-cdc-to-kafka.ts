/**
 * Baseline of scenario 4, as one would write it by hand: pg-logical-replication's raw
 * pgoutput client, each inserted row as JSON to Kafka keyed by id through the batching
 * bridge, and the slot confirmed at a transaction's end once its rows are acknowledged.
 */
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { serveBaseline } from '../processes/baseline-protocol';
import { KafkaBridge } from './kafka-bridge';

interface Config {
  url: string;
  slot: string;
  publication: string;
  brokers: string[];
  output: string;
}

serveBaseline<Config>(({ url, slot, publication, brokers, output }, fail) => {
  const bridge = new KafkaBridge(brokers, output, fail);
  const service = new LogicalReplicationService({ connectionString: url }, { acknowledge: { auto: false, timeoutSeconds: 0 } });
  let stopping = false;
  return {
    async start() {
      await bridge.connect();
      service.on('data', (_lsn: string, message: Pgoutput.Message) => {
        if (message.tag === 'insert') bridge.push({ key: String(message.new.id), value: JSON.stringify(message.new) });
        else if (message.tag === 'commit') {
          const end = message.commitEndLsn!;
          void bridge.drained().then(() => service.acknowledge(end));
        }
      });
      service.on('error', (error: Error) => stopping || fail(error));
      const started = new Promise<void>((resolve) => service.once('start', () => resolve()));
      service.subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: [publication] }), slot).catch((error: unknown) => stopping || fail(error));
      await started;
    },
    async stop() {
      stopping = true;
      await bridge.close();
      await service.stop();
      return bridge.carried;
    },
  };
});
