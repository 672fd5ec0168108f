/**
 * `pnpm simulate sensors [--rate N] [--sensors M] [--count K] [--url mqtt://…]`: simulated
 * IoT sensors publishing to an MQTT broker, with a live count; Ctrl-C stops cleanly.
 */
import { TerminalLine } from '@duto/kafka';
import { parseSimulatorArgs, UsageError, USAGE, type SimulatorOptions } from './options';
import { BrokerUnreachableError, publishReadings, type SimulationCounts } from './publisher';
import { SensorFleet } from './sensor-fleet';

let options: SimulatorOptions;
try {
  options = parseSimulatorArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}

const stop = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C does not wait for the acknowledgements.
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
});
process.once('SIGTERM', () => stop.abort());

const line = new TerminalLine();
const { url, rate, sensors, count, seed } = options;
console.log(`Simulating ${sensors} sensors at ${rate} readings/s to ${url} (topics sensors/<site>/<sensorId>, QoS 1, seed ${seed})${count ? `, ${count} readings` : '; Ctrl-C stops'}.`);
try {
  const counts = await publishReadings(new SensorFleet(sensors, seed), { url, rate, ...(count ? { count } : {}) }, stop.signal, (c) => line.update(liveLine(c)));
  line.done(summary(counts));
} catch (error) {
  if (!(error instanceof BrokerUnreachableError)) throw error;
  console.error(
    `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.\n  Fix: start Duto (pnpm start runs an embedded broker when none answers at DUTO_MQTT_URL) or a broker such as Mosquitto, or pass --url mqtt://host:port.`,
  );
  process.exitCode = 1;
}

function liveLine(c: SimulationCounts): string {
  return `${c.published.toLocaleString('en-US')} published · ${c.acked.toLocaleString('en-US')} acked · ${perSecond(c).toFixed(1)}/s · ${c.byKind['out-of-range']} out of range · ${c.byKind.malformed} malformed`;
}

function summary(c: SimulationCounts): string {
  const unacked = c.published - c.acked;
  return (
    `Published ${c.published.toLocaleString('en-US')} readings in ${(c.elapsedMs / 1000).toFixed(1)} s (${perSecond(c).toFixed(1)}/s): ` +
    `${c.byKind.valid} valid, ${c.byKind['out-of-range']} out of range, ${c.byKind.malformed} malformed; ` +
    (unacked === 0 ? 'every one acknowledged by the broker.' : `${unacked} not acknowledged by the broker.`)
  );
}

function perSecond(c: SimulationCounts): number {
  return c.elapsedMs > 0 ? (c.published / c.elapsedMs) * 1000 : 0;
}
