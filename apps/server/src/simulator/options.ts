import { parseArgs } from 'node:util';
import { DEFAULT_MQTT_URL } from '../embedded-mqtt/ensure-mqtt-broker';

export interface SimulatorOptions {
  url: string;
  /** Readings per second, all sensors together. */
  rate: number;
  sensors: number;
  /** Readings in all, then stop; unset: until Ctrl-C. */
  count?: number;
  seed: number;
}

export const USAGE = `usage: pnpm simulate sensors [--rate N] [--sensors M] [--count K] [--url mqtt://host:port] [--seed S]

Publishes simulated IoT sensor readings to sensors/<site>/<sensorId> at QoS 1.
  --rate N      readings per second, all sensors together (default 20)
  --sensors M   number of sensors (default 10)
  --count K     stop after K readings (default: run until Ctrl-C)
  --url URL     MQTT broker (default DUTO_MQTT_URL, else ${DEFAULT_MQTT_URL})
  --seed S      makes the readings repeatable (default: random)`;

export class UsageError extends Error {}

/** The options of `pnpm simulate sensors …`; throws a UsageError that says what is wrong. */
export function parseSimulatorArgs(args: string[], env: NodeJS.ProcessEnv = process.env): SimulatorOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rate: { type: 'string' },
        sensors: { type: 'string' },
        count: { type: 'string' },
        url: { type: 'string' },
        seed: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [what, ...rest] = parsed.positionals;
  if (what !== 'sensors' || rest.length > 0) throw new UsageError(`unknown simulation "${parsed.positionals.join(' ')}"; the one there is: sensors`);
  const { values } = parsed;
  const url = values.url ?? (env.DUTO_MQTT_URL || DEFAULT_MQTT_URL);
  if (!/^(mqtts?|tcp|wss?):\/\/.+/.test(url)) throw new UsageError(`--url must be an MQTT URL such as ${DEFAULT_MQTT_URL}, not "${url}"`);
  const count = values.count === undefined ? undefined : number('--count', values.count, 1, Number.MAX_SAFE_INTEGER, true);
  return {
    url,
    rate: number('--rate', values.rate ?? '20', 0.01, 100_000, false),
    sensors: number('--sensors', values.sensors ?? '10', 1, 100_000, true),
    ...(count === undefined ? {} : { count }),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : number('--seed', values.seed, 0, 2 ** 32 - 1, true),
  };
}

function number(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${text}"`);
  }
  return value;
}
