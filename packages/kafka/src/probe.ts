import { createKafka } from './client';
import { portAnswers } from './port-answers';

/**
 * Whether a Kafka broker answers at `brokers` (a Kafka request, not only a TCP connection):
 * tells Kafka from another program on its port, and a wrong KAFKA_BROKERS from a right one.
 */
export async function speaksKafka(brokers: string[], timeoutMs = 3000): Promise<boolean> {
  // Where nothing listens, say so at once: kafkajs would retry the connection for seconds.
  if (!(await anyBrokerReachable(brokers, timeoutMs))) return false;
  const admin = createKafka({ brokers, clientId: 'duto-probe', connectionTimeoutMs: timeoutMs }).admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  // A program that accepts the connection but never answers would hold kafkajs for its
  // request timeout (30 s), and so would awaiting its disconnect: neither is waited for.
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const answered = admin
    .connect()
    .then(() => admin.describeCluster())
    .then(
      () => true,
      () => false,
    );
  const result = await Promise.race([answered, timedOut]);
  clearTimeout(timer);
  void admin.disconnect().catch(() => {});
  return result;
}

/** Whether any of the brokers (`host:port`) accepts a TCP connection within the timeout. */
export async function anyBrokerReachable(brokers: string[], timeoutMs = 1000): Promise<boolean> {
  const attempts = brokers.map((broker) => {
    const port = portOf(broker);
    return broker.includes(':') && Number.isInteger(port) ? portAnswers(port, hostOf(broker), timeoutMs) : Promise.resolve(false);
  });
  return (await Promise.all(attempts)).some(Boolean);
}

const hostOf = (broker: string) => broker.slice(0, broker.lastIndexOf(':')).replace(/^\[|\]$/g, '');
const portOf = (broker: string) => Number(broker.slice(broker.lastIndexOf(':') + 1));
