import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { api, authHeaders, type TestServer } from './helpers';

/** A WebSocket client that reads everything and keeps each message with its arrival time. */
export interface LiveWatcher {
  messages: Array<{ at: number; body: any }>;
  send(message: unknown): void;
  /**
   * Resolves with the first matching message after the one the previous `next` returned
   * (or from index `from`), so that a sequence of `next` calls reads events in order.
   */
  next(match: (body: any) => boolean, timeoutMs?: number, from?: number): Promise<any>;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

export async function watch(server: TestServer): Promise<LiveWatcher> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`, { headers: authHeaders(server) });
  const messages: LiveWatcher['messages'] = [];
  let cursor = 0;
  socket.on('message', (data) => messages.push({ at: Date.now(), body: JSON.parse(data.toString()) }));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    messages,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async next(match, timeoutMs = 10_000, from = cursor) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex((m, i) => i >= from && match(m.body));
        if (index >= 0) {
          cursor = index + 1;
          return messages[index]!.body;
        }
        if (Date.now() > deadline) throw new Error(`no matching message in ${timeoutMs} ms; last: ${JSON.stringify(messages.at(-1)?.body)?.slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/**
 * A client that completes the WebSocket handshake, sends its subscriptions and then never
 * reads again: the kernel buffers fill and the server's socket backs up, like a frozen tab.
 */
export async function stalledClient(server: TestServer, subscribe: string[]): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Authorization: ${authHeaders(server).authorization}\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  for (const pipelineId of subscribe) socket.write(maskedTextFrame(JSON.stringify({ subscribe: pipelineId })));
  socket.pause();
  return { socket, closed };
}

/** A client-to-server text frame (clients must mask); payloads under 126 bytes only. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new Error('frame too long for this helper');
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** A dev generator → trash pipeline, created (not started); returns its id. */
export async function createGeneratorPipeline(server: TestServer, name: string, generator: { recordsPerSecond: number; count?: number }): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', {
    format: 'duto.pipeline/v1',
    name,
    settings: { batchSize: 200, batchWaitMs: 50 },
    stages: [
      { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', ...generator } },
      { id: 'trash', type: 'destination.trash', config: {} },
    ],
    edges: [{ from: 'gen', to: 'trash' }],
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  return created.json.id;
}
