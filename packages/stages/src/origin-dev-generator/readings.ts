import type { DutoRecord } from '@duto/model';

/**
 * Deterministic readings: everything but `ts` follows from `seq`, so a replay after a
 * crash produces the same records and tests can account for each one.
 */
export function iotReading(seq: number, sensors: number, malformedRatio: number, now: number): DutoRecord {
  const sensor = seq % sensors;
  const random = unitHash(seq);
  const hour = new Date(now).getUTCHours();
  const base = 18 + 8 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + (sensor % 5);
  const temperature = Math.round((base + (random - 0.5) * 4) * 100) / 100;
  const value = {
    seq,
    sensorId: `sensor-${String(sensor + 1).padStart(3, '0')}`,
    ts: new Date(now).toISOString(),
    temperature: unitHash(seq * 7 + 3) < malformedRatio ? 'n/a' : temperature,
    humidity: Math.round((40 + unitHash(seq * 13 + 1) * 40) * 10) / 10,
    battery: Math.max(0, 100 - Math.floor(seq / sensors / 1000)),
  };
  return { value, attributes: { 'generator.seq': String(seq) } };
}

export function sequenceRecord(seq: number, now: number): DutoRecord {
  return { value: { seq, ts: new Date(now).toISOString() }, attributes: { 'generator.seq': String(seq) } };
}

/** A number in [0, 1) from an integer (mulberry32's mixing). */
function unitHash(n: number): number {
  let t = (n + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
