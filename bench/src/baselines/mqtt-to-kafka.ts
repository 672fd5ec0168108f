/**
 * Baseline of scenarios 2 and 5, as one would write it by hand: a raw mqtt.js subscriber
 * (QoS 1, mqtt.js's own acknowledgement) that forwards each payload to Kafka keyed by
 * sensor, through the batching bridge.
 */
import type { MqttClient } from 'mqtt';
import { serveBaseline } from '../processes/baseline-protocol';
import { connectMqtt } from '../services/mqtt';
import { KafkaBridge } from './kafka-bridge';

interface Config {
  url: string;
  clientId: string;
  topic: string;
  brokers: string[];
  output: string;
}

serveBaseline<Config>(({ url, clientId, topic, brokers, output }, fail) => {
  const bridge = new KafkaBridge(brokers, output, fail);
  let client: MqttClient | undefined;
  return {
    start: () => bridge.connect(),
    async consume() {
      client = await connectMqtt(url, clientId, true, (_topic, payload) => {
        const { sensorId } = JSON.parse(payload.toString('utf8')) as { sensorId: string };
        bridge.push({ key: sensorId, value: payload });
      });
      client.on('error', fail);
      await client.subscribeAsync(topic, { qos: 1 });
    },
    async stop() {
      await client?.endAsync();
      await bridge.close();
      return bridge.carried;
    },
  };
});
