import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';

/**
 * The machine's Mosquitto (127.0.0.1:1883), reached with its own command-line clients: a
 * real MQTT client outside Duto (the e2e package has no MQTT library of its own).
 */
const HOST = '127.0.0.1';
const PORT = 1883;
export const MOSQUITTO_URL = `mqtt://${HOST}:${PORT}`;

/**
 * Publishes each payload as one message to `topic` at QoS 1, in order, and resolves once
 * the broker has acknowledged every one (mosquitto_pub waits for them before it exits).
 */
async function publishAll(topic: string, payloads: string[]): Promise<void> {
  if (payloads.some((p) => p.includes('\n'))) throw new Error('a payload is one line: mosquitto_pub -l splits on newlines');
  const publisher = spawn('mosquitto_pub', ['-h', HOST, '-p', String(PORT), '-t', topic, '-q', '1', '-l'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  publisher.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  publisher.stdin.end(payloads.join('\n') + '\n');
  const [code] = (await once(publisher, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`mosquitto_pub exited with ${code}: ${stderr}`);
}

/**
 * Publishes in chunks, each once `caughtUp(published so far)` resolves. The broker's stock
 * configuration drops a subscriber's messages past 1000 queued beyond those in flight to it,
 * so the publisher goes at the subscriber's pace, as sensors reporting now and then do,
 * rather than flooding it faster than a loaded test machine lets it read.
 */
export async function publishPaced(topic: string, payloads: string[], caughtUp: (published: number) => Promise<void>, chunk = 500): Promise<void> {
  for (let published = 0; published < payloads.length; published += chunk) {
    await caughtUp(published);
    await publishAll(topic, payloads.slice(published, published + chunk));
  }
}

/**
 * Ends the persistent session a QoS 1 subscriber left on the broker (Duto's MQTT origin
 * keeps one for days): a clean-session connection under the same client id discards it.
 */
export async function forgetSession(clientId: string): Promise<void> {
  await promisify(execFile)('mosquitto_pub', ['-h', HOST, '-p', String(PORT), '-i', clientId, '-t', `duto-e2e/forget/${clientId}`, '-n', '-q', '0']);
}
