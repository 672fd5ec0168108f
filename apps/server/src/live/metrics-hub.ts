import type { LiveStateEvent, MetricsSnapshot, PipelineStatus } from '@duto/model';
import type { RunListener } from '../runner/run-listener';

/** The little of a WebSocket the hub needs, so it can be tested without a network. */
export interface LiveSocket {
  /** Bytes handed to the socket and not yet written to the network. */
  readonly bufferedAmount: number;
  send(data: string): void;
  /** Drops the connection at once: a client that is stuck would never read a close frame. */
  terminate(): void;
}

export interface MetricsHubOptions {
  /** Above this many unsent bytes in a socket the hub holds messages back in its own queue. */
  highWaterBytes?: number;
  /** A client that has been behind (messages held back) this long is disconnected. */
  stuckLimitMs?: number;
  /** Events (state, alert, error) a client may have held back; one more disconnects it. */
  maxPendingEvents?: number;
  /** Pipelines one client may watch at once. */
  maxSubscriptions?: number;
  /** How often held-back messages are retried and stuck clients looked for. */
  flushIntervalMs?: number;
  now?: () => number;
}

export interface LiveClient {
  /** Starts pushing the pipeline's snapshots and events, beginning with `current`. */
  subscribe(pipelineId: string, current: MetricsSnapshot): 'subscribed' | 'too-many';
  unsubscribe(pipelineId: string): void;
  /** A message for this client only (an error reply); held back like an event, never dropped. */
  reply(message: object): void;
  remove(): void;
}

export interface LiveClientStats {
  subscriptions: number;
  pendingSnapshots: number;
  pendingEvents: number;
  bufferedAmount: number;
}

interface Pending {
  /** Set for snapshots: a newer one of the same pipeline replaces it. */
  snapshotOf?: string;
  data: string;
}

interface Client {
  socket: LiveSocket;
  subscriptions: Set<string>;
  /** In send order. At most one snapshot per pipeline, so its length is bounded by subscriptions + maxPendingEvents. */
  pending: Pending[];
  pendingEvents: number;
  behindSince?: number;
}

export const HUB_DEFAULTS = {
  highWaterBytes: 256 * 1024,
  stuckLimitMs: 15_000,
  maxPendingEvents: 1000,
  maxSubscriptions: 1000,
  flushIntervalMs: 200,
} as const;

/**
 * Fans metrics snapshots and run events out to WebSocket clients. A slow client costs the
 * server a bounded amount of memory and never slows a pipeline: while its socket holds
 * more than `highWaterBytes` unsent, new messages wait in its queue, where a newer snapshot
 * of a pipeline replaces the older one (the dashboard only needs the latest) and events
 * are kept in order; a client that stays behind past `stuckLimitMs`, or piles up more than
 * `maxPendingEvents` events, is disconnected.
 */
export class MetricsHub implements RunListener {
  private readonly clients = new Set<Client>();
  private readonly watchers = new Map<string, Set<Client>>();
  private readonly options: Required<MetricsHubOptions>;
  private readonly timer: NodeJS.Timeout;

  constructor(options: MetricsHubOptions = {}) {
    this.options = { ...HUB_DEFAULTS, now: Date.now, ...options };
    this.timer = setInterval(() => this.flushAll(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  addClient(socket: LiveSocket): LiveClient {
    const client: Client = { socket, subscriptions: new Set(), pending: [], pendingEvents: 0 };
    this.clients.add(client);
    return {
      subscribe: (pipelineId, current) => {
        if (!client.subscriptions.has(pipelineId) && client.subscriptions.size >= this.options.maxSubscriptions) return 'too-many';
        client.subscriptions.add(pipelineId);
        let watching = this.watchers.get(pipelineId);
        if (!watching) this.watchers.set(pipelineId, (watching = new Set()));
        watching.add(client);
        this.enqueue(client, { snapshotOf: pipelineId, data: JSON.stringify(current) });
        return 'subscribed';
      },
      unsubscribe: (pipelineId) => this.unsubscribe(client, pipelineId),
      reply: (message) => this.enqueue(client, { data: JSON.stringify(message) }),
      remove: () => this.remove(client),
    };
  }

  onSnapshot(snapshot: MetricsSnapshot): void {
    this.publish(snapshot.pipelineId, { snapshotOf: snapshot.pipelineId, data: JSON.stringify(snapshot) });
  }

  onState(pipelineId: string, status: PipelineStatus): void {
    const event: LiveStateEvent = { pipelineId, event: 'state', ...status };
    this.publishEvent(pipelineId, event);
  }

  /** An event for every client watching the pipeline; events are never dropped for a slow client. */
  publishEvent(pipelineId: string, event: object): void {
    this.publish(pipelineId, { data: JSON.stringify(event) });
  }

  stats(): LiveClientStats[] {
    return [...this.clients].map((c) => ({
      subscriptions: c.subscriptions.size,
      pendingSnapshots: c.pending.length - c.pendingEvents,
      pendingEvents: c.pendingEvents,
      bufferedAmount: c.socket.bufferedAmount,
    }));
  }

  close(): void {
    clearInterval(this.timer);
    for (const client of [...this.clients]) this.remove(client);
  }

  private publish(pipelineId: string, message: Pending): void {
    for (const client of this.watchers.get(pipelineId) ?? []) this.enqueue(client, message);
  }

  private enqueue(client: Client, message: Pending): void {
    if (message.snapshotOf === undefined) {
      if (client.pendingEvents >= this.options.maxPendingEvents) return this.disconnect(client);
      client.pendingEvents++;
    } else {
      const older = client.pending.findIndex((p) => p.snapshotOf === message.snapshotOf);
      if (older >= 0) client.pending.splice(older, 1);
    }
    client.pending.push(message);
    this.flush(client);
  }

  private flush(client: Client): void {
    while (client.pending.length > 0 && client.socket.bufferedAmount < this.options.highWaterBytes) {
      const next = client.pending.shift()!;
      if (next.snapshotOf === undefined) client.pendingEvents--;
      client.socket.send(next.data);
    }
    if (client.pending.length === 0) delete client.behindSince;
    else client.behindSince ??= this.options.now();
  }

  private flushAll(): void {
    const now = this.options.now();
    for (const client of [...this.clients]) {
      this.flush(client);
      if (client.behindSince !== undefined && now - client.behindSince > this.options.stuckLimitMs) this.disconnect(client);
    }
  }

  private disconnect(client: Client): void {
    this.remove(client);
    client.socket.terminate();
  }

  private unsubscribe(client: Client, pipelineId: string): void {
    client.subscriptions.delete(pipelineId);
    const watching = this.watchers.get(pipelineId);
    watching?.delete(client);
    if (watching?.size === 0) this.watchers.delete(pipelineId);
    const held = client.pending.findIndex((p) => p.snapshotOf === pipelineId);
    if (held >= 0) client.pending.splice(held, 1);
  }

  private remove(client: Client): void {
    if (!this.clients.delete(client)) return;
    for (const pipelineId of [...client.subscriptions]) this.unsubscribe(client, pipelineId);
    client.pending = [];
    client.pendingEvents = 0;
  }
}
