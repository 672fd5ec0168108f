import type { StageContext } from '@duto/engine';
import { createKafka } from '@duto/kafka';

/** A kafkajs client for one stage: its own client id, its log in the stage's log. */
export function stageKafka(context: StageContext) {
  return createKafka({
    brokers: context.services.kafkaBrokers,
    clientId: `duto-${context.pipelineId}-${context.stageId}`,
    log: (level, message, extra) => context.logger[level](message, extra),
  });
}
