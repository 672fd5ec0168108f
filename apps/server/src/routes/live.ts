import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Value } from 'typebox/value';
import { LiveClientMessage, type LiveError } from '@duto/model';
import { ErrorCodes } from '../errors';
import type { MetricsHub } from '../live/metrics-hub';
import type { SnapshotReader } from '../live/current-snapshot';

export interface LiveRoutesOptions {
  hub: MetricsHub;
  currentSnapshot: SnapshotReader;
}

/** Client messages above this size are refused by the WebSocket server (close code 1009). */
export const LIVE_MAX_MESSAGE_BYTES = 4096;

const liveError = (code: string, message: string): LiveError => ({ error: { code, message } });

/**
 * `GET /api/ws`: a client subscribes to pipelines by id and receives their snapshots and
 * state and alert events (see the contract). A bad message is answered with an error on
 * the socket, which stays open.
 */
export const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, { hub, currentSnapshot }) => {
  app.get(
    '/api/ws',
    {
      websocket: true,
      // Checked before the upgrade: an unauthenticated client gets 401 and no socket.
      config: { access: 'viewer' },
      schema: {
        summary: 'WebSocket of live metrics: send {"subscribe": id} or {"unsubscribe": id}; receive snapshots and state and alert events.',
        tags: ['run'],
      },
    },
    (socket) => {
      // Handlers are attached before anything is awaited, or the first messages would be lost.
      const client = hub.addClient(socket);
      socket.on('close', () => client.remove());
      socket.on('error', () => client.remove());
      socket.on('message', (data, isBinary) => {
        const message = parse(isBinary ? undefined : data.toString());
        if (message === undefined) {
          client.reply(liveError(ErrorCodes.badRequest, 'expected a JSON text message {"subscribe": "<pipelineId>"} or {"unsubscribe": "<pipelineId>"}'));
        } else if ('unsubscribe' in message) {
          client.unsubscribe(message.unsubscribe);
        } else {
          const current = currentSnapshot(message.subscribe);
          if (!current) client.reply(liveError(ErrorCodes.notFound, `no pipeline has the id "${message.subscribe}"`));
          else if (client.subscribe(message.subscribe, current) === 'too-many') {
            client.reply(liveError(ErrorCodes.limitReached, 'too many subscriptions on this connection'));
          }
        }
      });
    },
  );
};

function parse(text: string | undefined): LiveClientMessage | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Value.Check(LiveClientMessage, value) ? value : undefined;
  } catch {
    return undefined;
  }
}
