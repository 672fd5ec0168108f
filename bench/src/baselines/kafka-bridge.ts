import { Kafka, logLevel, Partitioners, type Message, type Producer } from 'kafkajs';

/** Most messages in one send, as Duto's default batch: a request stays under the broker's size limit. */
const MAX_SEND = 1000;

/**
 * The Kafka side of the hand-written baselines: messages pushed while a send is under way
 * wait and go together in the next one, up to MAX_SEND (a send starts as soon as the
 * previous one is acknowledged, so nothing waits on a timer). Acks from all replicas, one request in
 * flight, the Java client's partitioner: the durability and per-key order Duto keeps.
 */
export class KafkaBridge {
  carried = 0;
  private waiting: Message[] = [];
  private sending: Promise<void> | undefined;
  private readonly producer: Producer;

  /** `fail` hears of a send that failed: the baseline fails, as Duto's pipeline would. */
  constructor(
    brokers: string[],
    private readonly topic: string,
    private readonly fail: (error: unknown) => void,
  ) {
    const kafka = new Kafka({ brokers, clientId: 'bench-baseline', logLevel: logLevel.NOTHING });
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1 });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  push(message: Message): void {
    this.waiting.push(message);
    this.sending ??= this.pump();
  }

  /** Resolves once everything pushed so far is acknowledged. */
  async drained(): Promise<void> {
    while (this.sending) await this.sending;
  }

  async close(): Promise<void> {
    await this.drained();
    await this.producer.disconnect();
  }

  private async pump(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const messages = this.waiting.splice(0, MAX_SEND);
        await this.producer.send({ topic: this.topic, acks: -1, messages });
        this.carried += messages.length;
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.sending = undefined;
    }
  }
}
