/** 2026-11-25T10:00:00Z: readings fall in this hour and the next, two lake partitions of equal size. */
const BASE_MS = Date.UTC(2026, 10, 25, 10, 0, 0);

export interface Reading {
  sensorId: string;
  site: string;
  ts: number;
  seq: number;
  temperature: number;
  humidity: number;
  pressure: number;
  battery: number;
  status: string;
  firmware: string;
  location: { lat: number; lon: number };
}

/**
 * The i-th sensor reading: about 210 bytes as JSON, 500 sensors, deterministic. Temperature
 * and humidity never come out whole, so every file types them DOUBLE.
 */
export function reading(i: number): Reading {
  const sensor = i % 500;
  return {
    sensorId: `sensor-${String(sensor).padStart(4, '0')}`,
    site: `plant-${sensor % 7}`,
    ts: BASE_MS + (i % 2) * 3_600_000 + (i % 3600) * 1000,
    seq: i,
    temperature: Math.round((15 + (i % 200) / 10 + 0.01) * 100) / 100,
    humidity: Math.round((30 + ((i * 7) % 500) / 10) * 10) / 10 + 0.05,
    pressure: 1013.25,
    battery: 100 - (i % 100),
    status: i % 50 === 0 ? 'warn' : 'ok',
    firmware: '2.4.1',
    location: { lat: 48.1372, lon: 11.5756 },
  };
}
