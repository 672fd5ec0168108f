import type { ServerConfig } from '../config';
import { ensureMqttBroker } from '../embedded-mqtt/ensure-mqtt-broker';
import { prepareKafka } from './kafka';
import { ensurePortFree } from './port-free';
import { describeProblem } from './startup-problem';

export interface StartedServices {
  /** Stops what Duto started for itself (local Kafka, embedded MQTT broker), after the server closed. */
  stop(): Promise<void>;
}

/**
 * What `pnpm start` sets up before the server: checks its port first (a port taken is said
 * at once, not after Kafka took its time to start), then Kafka, then an MQTT broker for the
 * samples. A problem that stops Duto is thrown; one it can live with is printed as a warning.
 */
export async function prepareServices(config: ServerConfig, mqttUrl: string): Promise<StartedServices> {
  await ensurePortFree(config.host, config.port);
  const kafka = await prepareKafka(config);
  if (kafka.warning) console.warn(describeProblem(kafka.warning, 'warning'));
  const mqtt = await ensureMqttBroker(mqttUrl);
  if (mqtt.notice) console.log(`[mqtt] ${mqtt.notice}`);
  if (mqtt.warning) console.warn(describeProblem(mqtt.warning, 'warning'));
  return {
    stop: async () => {
      await mqtt.embedded?.stop();
      await kafka.broker?.stop();
    },
  };
}
