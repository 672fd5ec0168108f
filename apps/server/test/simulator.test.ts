import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type TestMosquitto } from '@duto/stages/testing';
import { MALFORMED_RATIO, OUT_OF_RANGE_RATIO, SensorFleet } from '../src/simulator/sensor-fleet';

/** `pnpm simulate sensors`: realistic readings, published at QoS 1 to a real Mosquitto. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let broker: TestMosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker?.stop());

const READING_SHAPE = {
  sensorId: expect.stringMatching(/^sensor-\d{3}$/),
  site: expect.stringMatching(/^(plant-north|plant-south|warehouse|office)$/),
  temperature: expect.any(Number),
  humidity: expect.any(Number),
  battery: expect.any(Number),
  ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
};

function simulate(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/simulator/cli.ts', 'sensors', '--url', broker.url, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Everything published under sensors/ while it is open, received at QoS 1. */
async function subscriber() {
  const client = await mqtt.connectAsync(broker.url, { clientId: `simulator-test-${Date.now()}` });
  const messages: Array<{ topic: string; payload: string }> = [];
  client.on('message', (topic, payload) => messages.push({ topic, payload: payload.toString() }));
  await client.subscribeAsync('sensors/#', { qos: 1 });
  return { messages, close: () => client.endAsync() };
}

describe('the sensor fleet', () => {
  it('makes about 2% out-of-range and 0.5% malformed readings, the rest within the sensors\' range', () => {
    const fleet = new SensorFleet(25, 1234);
    const start = Date.UTC(2026, 10, 25);
    const messages = Array.from({ length: 50_000 }, (_, i) => fleet.reading(start + i * 900));
    const share = (kind: string) => messages.filter((m) => m.kind === kind).length / messages.length;
    expect(share('malformed')).toBeGreaterThan(MALFORMED_RATIO * 0.8);
    expect(share('malformed')).toBeLessThan(MALFORMED_RATIO * 1.2);
    expect(share('out-of-range')).toBeGreaterThan(OUT_OF_RANGE_RATIO * 0.9);
    expect(share('out-of-range')).toBeLessThan(OUT_OF_RANGE_RATIO * 1.1);
    const wrong = messages.filter((message) => {
      if (message.kind === 'malformed') return isJson(message.payload);
      const reading = JSON.parse(message.payload);
      const inRange = reading.temperature >= -40 && reading.temperature <= 85;
      return (
        message.topic !== `sensors/${reading.site}/${reading.sensorId}` ||
        inRange !== (message.kind === 'valid') ||
        !(reading.humidity >= 5 && reading.humidity <= 95) ||
        !(reading.battery >= 0 && reading.battery <= 100)
      );
    });
    expect(wrong).toEqual([]);
    const sample = messages.filter((m) => m.kind !== 'malformed').slice(0, 200);
    for (const message of sample) expect(JSON.parse(message.payload)).toEqual(READING_SHAPE);
  });

  it('follows the day: the afternoon is warmer than the night, and the same seed repeats the readings', () => {
    const mean = (hourUtc: number) => {
      const fleet = new SensorFleet(8, 99);
      const at = Date.UTC(2026, 10, 25, hourUtc);
      const temperatures = Array.from({ length: 800 }, () => fleet.reading(at))
        .filter((m) => m.kind === 'valid')
        .map((m) => JSON.parse(m.payload).temperature as number);
      return temperatures.reduce((a, b) => a + b, 0) / temperatures.length;
    };
    expect(mean(15) - mean(3)).toBeGreaterThan(5);
    const at = Date.UTC(2026, 10, 25, 12);
    const run = (seed: number) => Array.from({ length: 50 }, () => new SensorFleet(5, seed)).map((fleet) => fleet.reading(at).payload);
    expect(run(7)).toEqual(run(7));
  });
});

describe('pnpm simulate sensors', () => {
  it('--count 500 publishes 500 readings that a subscriber receives, and says so', async () => {
    const received = await subscriber();
    const run = simulate('--count', '500', '--rate', '2000', '--sensors', '7', '--seed', '42');
    expect(await run.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    await received.close();
    expect(received.messages).toHaveLength(500);
    const malformed = received.messages.filter((m) => !isJson(m.payload));
    expect(malformed.length).toBeLessThanOrEqual(500 * MALFORMED_RATIO * 4);
    const readings = received.messages.filter((m) => !malformed.includes(m)).map((m) => ({ topic: m.topic, reading: JSON.parse(m.payload) }));
    for (const { topic, reading } of readings) {
      expect(reading).toEqual(READING_SHAPE);
      expect(topic).toBe(`sensors/${reading.site}/${reading.sensorId}`);
    }
    expect(new Set(readings.map((r) => r.reading.sensorId)).size).toBe(7);
    expect(run.output()).toMatch(
      new RegExp(`Published 500 readings in [\\d.]+ s \\([\\d.]+/s\\): \\d+ valid, \\d+ out of range, ${malformed.length} malformed; every one acknowledged by the broker\\.`),
    );
  });

  it('stops cleanly on Ctrl-C: every reading it published was acknowledged and received', async () => {
    const received = await subscriber();
    const run = simulate('--rate', '300');
    await new Promise((r) => setTimeout(r, 4000));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    await received.close();
    const published = Number(/Published ([\d,]+) readings/.exec(run.output())?.[1]?.replace(/,/g, ''));
    expect(published).toBeGreaterThan(100);
    expect(run.output()).toContain('every one acknowledged by the broker.');
    expect(received.messages).toHaveLength(published);
  });

  it('explains a bad option and a broker that does not answer', async () => {
    const bad = simulate('--rate', 'fast');
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/^--rate must be a number from 0.01 to 100000, not "fast"\n\nusage: pnpm simulate sensors/);
    const nowhere = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/simulator/cli.ts', 'sensors', '--url', 'mqtt://127.0.0.1:1', '--count', '1'], { cwd: REPO_ROOT });
    let output = '';
    nowhere.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => nowhere.once('exit', resolve))).toBe(1);
    expect(output).toContain('No MQTT broker answers at mqtt://127.0.0.1:1');
    expect(output).toContain('Fix: start Duto');
  });
});
