import type { Consumer, Kafka } from 'kafkajs';

/**
 * A Kafka consumer that reads a topic as records become visible and takes, for each, the
 * time since its `sentAt` (performance.now() of this process when it was published).
 */
export class LatencyObserver {
  readonly latencies: number[] = [];
  /** When each record was published, beside its latency. */
  readonly sentAts: number[] = [];
  lastArrival = 0;

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topic: string, groupId: string): Promise<LatencyObserver> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const observer = new LatencyObserver(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        for (const message of batch.messages) {
          const { sentAt } = JSON.parse(message.value!.toString('utf8')) as { sentAt: number };
          observer.latencies.push(now - sentAt);
          observer.sentAts.push(sentAt);
        }
        observer.lastArrival = now;
      },
    });
    return observer;
  }

  get count(): number {
    return this.latencies.length;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** The p99 latency of the records published in each `windowMs` of a run, to tell a warm-up spike from a steady tail. */
export function p99ByWindow(observer: LatencyObserver, startedAt: number, windowMs: number): number[] {
  const windows: number[][] = [];
  observer.latencies.forEach((ms, i) => (windows[Math.floor((observer.sentAts[i]! - startedAt) / windowMs)] ??= []).push(ms));
  return [...windows].map((window) => {
    const sorted = (window ?? []).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
  });
}
