import { seededRandom } from './seeded-random';

/**
 * Simulated IoT temperature sensors spread over a few sites: each reading has the site's
 * level plus the sensor's own offset, a daily cycle (warmest mid-afternoon, UTC) and noise;
 * humidity moves against temperature; batteries drain slowly. About 2% of readings are
 * glitches out of any sensor's range and about 0.5% are cut-off JSON, so that pipelines
 * have something to route and reject. A seed makes a run repeatable.
 */
export interface SensorReading {
  sensorId: string;
  site: string;
  temperature: number;
  humidity: number;
  battery: number;
  ts: string;
}

export type ReadingKind = 'valid' | 'out-of-range' | 'malformed';

export interface SensorMessage {
  topic: string;
  payload: string;
  kind: ReadingKind;
}

export const OUT_OF_RANGE_RATIO = 0.02;
export const MALFORMED_RATIO = 0.005;

const SITES = [
  { name: 'plant-north', level: 24 },
  { name: 'plant-south', level: 26 },
  { name: 'warehouse', level: 14 },
  { name: 'office', level: 21 },
];
/** What a sensor reports when its probe is disconnected or shorted. */
const GLITCHES = [-127, 185.5];

interface Sensor {
  id: string;
  site: (typeof SITES)[number];
  offset: number;
  battery: number;
}

export class SensorFleet {
  private readonly random: () => number;
  private readonly sensors: Sensor[];
  private next = 0;

  constructor(count: number, seed: number) {
    this.random = seededRandom(seed);
    this.sensors = Array.from({ length: count }, (_, i) => ({
      id: `sensor-${String(i + 1).padStart(3, '0')}`,
      site: SITES[i % SITES.length]!,
      offset: (this.random() - 0.5) * 3,
      battery: 60 + this.random() * 40,
    }));
  }

  /** The next sensor's reading at `now`, as the MQTT message it publishes. */
  reading(now: number): SensorMessage {
    const sensor = this.sensors[this.next++ % this.sensors.length]!;
    sensor.battery = Math.max(0, sensor.battery - 0.002);
    const hour = (now / 3_600_000) % 24;
    const daily = Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    const reading: SensorReading = {
      sensorId: sensor.id,
      site: sensor.site.name,
      temperature: round(sensor.site.level + sensor.offset + 3 * daily + this.gaussian() * 0.3, 2),
      humidity: round(Math.min(95, Math.max(5, 50 - 8 * daily + this.gaussian() * 2)), 1),
      battery: round(sensor.battery, 1),
      ts: new Date(now).toISOString(),
    };
    const topic = `sensors/${sensor.site.name}/${sensor.id}`;
    const dice = this.random();
    if (dice < MALFORMED_RATIO) {
      const json = JSON.stringify(reading);
      return { topic, payload: json.slice(0, Math.floor(json.length / 2)), kind: 'malformed' };
    }
    if (dice < MALFORMED_RATIO + OUT_OF_RANGE_RATIO) {
      reading.temperature = GLITCHES[Math.floor(this.random() * GLITCHES.length)]!;
      return { topic, payload: JSON.stringify(reading), kind: 'out-of-range' };
    }
    return { topic, payload: JSON.stringify(reading), kind: 'valid' };
  }

  /** Normally distributed noise (Box–Muller). */
  private gaussian(): number {
    return Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
