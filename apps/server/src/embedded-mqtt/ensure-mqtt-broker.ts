import { portAnswers } from '@duto/kafka';
import { StartupProblem } from '../startup/startup-problem';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';

export const DEFAULT_MQTT_URL = 'mqtt://127.0.0.1:1883';

export interface MqttBrokerCheck {
  /** The broker Duto started, when none answered (stopped with Duto). */
  embedded?: EmbeddedBroker;
  /** What Duto did, for the user. */
  notice?: string;
  /** Why there is no MQTT broker for the samples, when there is none. */
  warning?: StartupProblem;
}

/**
 * Makes sure an MQTT broker answers at DUTO_MQTT_URL, where the samples and the sensor
 * simulator look for one: when none does, starts the embedded broker on that host and port.
 */
export async function ensureMqttBroker(url: string): Promise<MqttBrokerCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { warning: new StartupProblem(`DUTO_MQTT_URL=${url} is not a URL.`, `Set it like ${DEFAULT_MQTT_URL}.`) };
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port ? Number(parsed.port) : 1883;
  if (await portAnswers(port, host, 1000)) return {};
  const fix = `Start an MQTT broker there (e.g. Mosquitto), or point DUTO_MQTT_URL at one; the IoT samples need it.`;
  if (parsed.protocol !== 'mqtt:' && parsed.protocol !== 'tcp:') {
    return { warning: new StartupProblem(`No MQTT broker answers at ${url}, and Duto can only embed a plain mqtt:// broker.`, fix) };
  }
  try {
    const embedded = await startEmbeddedBroker(host, port);
    return {
      embedded,
      notice:
        `No MQTT broker answered at ${url}, so Duto started an embedded one there (MQTT 3.1.1, in memory: ` +
        `its queued messages are lost when Duto stops). For production, run a broker such as Mosquitto.`,
    };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' ? 'it is not an address of this machine' : (error as Error).message;
    return { warning: new StartupProblem(`No MQTT broker answers at ${url}, and Duto could not start its own there (${reason}).`, fix) };
  }
}
