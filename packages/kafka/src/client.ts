import { Kafka, logLevel, type Admin, type KafkaConfig, type Producer } from 'kafkajs';
import { JavaCompatiblePartitioner } from './java-partitioner';

export type KafkaLog = (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  log?: KafkaLog;
  /** How long one connection attempt may take. */
  connectionTimeoutMs?: number;
}

/**
 * A kafkajs client with Duto's defaults: kafkajs's own log routed to ours at warn level,
 * bounded retries (a stage retries at its own level with backoff, and reports).
 */
export function createKafka({ brokers, clientId, log, connectionTimeoutMs = 3000 }: KafkaClientOptions): Kafka {
  const config: KafkaConfig = {
    brokers,
    clientId,
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 5, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      if (!log) return;
      const { message, ...extra } = entry;
      // kafkajs calls every failed attempt an error; the stage reports the failure that counts.
      log(level <= logLevel.WARN ? 'warn' : 'info', `kafkajs ${namespace}: ${message}`, extra);
    },
  };
  return new Kafka(config);
}

/**
 * A producer that keeps order per key across retries: one request in flight per broker
 * (kafkajs's default is unlimited, which can reorder on a retry), and the Java client's
 * murmur2 partitioner so keys land where other Kafka clients put them. Send with acks -1.
 */
export function createOrderedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    createPartitioner: JavaCompatiblePartitioner,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: true,
  });
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions = 3): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })) });
}
