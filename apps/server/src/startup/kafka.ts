import { join } from 'node:path';
import { LocalBrokerError, speaksKafka, startLocalBroker, TerminalLine, type LocalBroker } from '@duto/kafka';
import type { ServerConfig } from '../config';
import { StartupProblem } from './startup-problem';

export interface KafkaCheck {
  /** The local broker when Duto started one (stopped with Duto). */
  broker?: LocalBroker;
  /** Why the Kafka that KAFKA_BROKERS names does not answer, when it does not. */
  warning?: StartupProblem;
}

/**
 * Without KAFKA_BROKERS, starts the local Kafka (fetching its jars the first time, with a
 * progress line); with it, checks that a Kafka answers there. An external Kafka that does
 * not answer is a warning, not a failure: Duto starts, and its pipelines retry until it
 * answers, as they would after an outage.
 */
export async function prepareKafka(config: ServerConfig): Promise<KafkaCheck> {
  if (config.externalKafka) {
    if (await speaksKafka(config.kafkaBrokers, 5000)) return {};
    const brokers = config.kafkaBrokers.join(',');
    return {
      warning: new StartupProblem(
        `No Kafka answers at KAFKA_BROKERS=${brokers}; pipelines that use Kafka will fail and retry until it does.`,
        `Start that Kafka, or correct KAFKA_BROKERS (host:port of its brokers, comma-separated), or unset it so that Duto runs its own local Kafka.`,
      ),
    };
  }
  const line = new TerminalLine();
  try {
    const broker = await startLocalBroker({
      dataDir: join(config.home, 'kafka'),
      log: (text) => line.done(`[kafka] ${text}`),
      progress: (text) => line.update(`[kafka] ${text}`),
    });
    return { broker };
  } catch (error) {
    if (error instanceof LocalBrokerError) throw new StartupProblem(error.message, error.fix);
    throw error;
  }
}
