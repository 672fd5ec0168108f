import type { LiveAlertEvent, LiveStateEvent, MetricsSnapshot } from '@duto/model';

/** What the connection hears from its socket. */
export interface SocketEvents {
  open(): void;
  message(data: string): void;
  /** The socket closed or failed to connect; it will not be used again. */
  close(): void;
}

/** The little of a WebSocket the connection drives; closing it reports nothing back. */
export interface LiveSocket {
  send(data: string): void;
  close(): void;
}

export type OpenSocket = (events: SocketEvents) => LiveSocket;

export interface LiveHandlers {
  snapshot?: (snapshot: MetricsSnapshot) => void;
  state?: (event: LiveStateEvent) => void;
  alert?: (event: LiveAlertEvent) => void;
}

/** idle: nothing watched; connecting: first attempt; open; reconnecting: lost, trying again. */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

export interface LiveConnectionOptions {
  openSocket: OpenSocket;
  /** First reconnect delay; it doubles per failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** The socket stays open this long after the last watcher left, so switching views does not reconnect. */
  idleCloseMs?: number;
  /** Spreads reconnects of many tabs after a server restart; [0, 1). */
  random?: () => number;
}

const DEFAULTS = { initialDelayMs: 500, maxDelayMs: 15_000, idleCloseMs: 5_000 };

/**
 * One WebSocket per tab for every live view. Watchers of a pipeline are counted: the
 * first one subscribes, the last one to leave unsubscribes. A lost socket is reopened
 * with exponential backoff and every watched pipeline is subscribed again, so a watcher
 * never notices beyond a gap (the server sends the current snapshot on each subscribe).
 */
export class LiveConnection {
  private readonly options: Required<LiveConnectionOptions>;
  private readonly watchers = new Map<string, Set<LiveHandlers>>();
  private readonly latestSnapshots = new Map<string, MetricsSnapshot>();
  private readonly statusListeners = new Set<() => void>();
  private socket: LiveSocket | undefined;
  private socketOpen = false;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private currentStatus: ConnectionStatus = 'idle';

  constructor(options: LiveConnectionOptions) {
    this.options = { ...DEFAULTS, random: Math.random, ...options };
  }

  /** Starts delivering a pipeline's snapshots and events to `handlers`; returns the way to stop. */
  watch(pipelineId: string, handlers: LiveHandlers): () => void {
    clearTimeout(this.idleTimer);
    let handlersOfPipeline = this.watchers.get(pipelineId);
    if (!handlersOfPipeline) {
      this.watchers.set(pipelineId, (handlersOfPipeline = new Set()));
      if (this.socketOpen) this.send({ subscribe: pipelineId });
    }
    handlersOfPipeline.add(handlers);
    this.ensureSocket();
    // A later watcher gets what the first one already has: the server sends it only on subscribe.
    const latest = this.latestSnapshots.get(pipelineId);
    if (latest) handlers.snapshot?.(latest);
    return () => this.unwatch(pipelineId, handlers);
  }

  /** The newest snapshot of a watched pipeline. */
  latest(pipelineId: string): MetricsSnapshot | undefined {
    return this.latestSnapshots.get(pipelineId);
  }

  status(): ConnectionStatus {
    return this.currentStatus;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private unwatch(pipelineId: string, handlers: LiveHandlers): void {
    const handlersOfPipeline = this.watchers.get(pipelineId);
    if (!handlersOfPipeline?.delete(handlers) || handlersOfPipeline.size > 0) return;
    this.watchers.delete(pipelineId);
    this.latestSnapshots.delete(pipelineId);
    if (this.socketOpen) this.send({ unsubscribe: pipelineId });
    if (this.watchers.size === 0) {
      this.idleTimer = setTimeout(() => this.shutDown(), this.options.idleCloseMs);
    }
  }

  private ensureSocket(): void {
    if (this.socket || this.reconnectTimer !== undefined) return;
    this.connect();
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    this.setStatus(this.failedAttempts === 0 ? 'connecting' : 'reconnecting');
    const events: SocketEvents = {
      open: () => {
        if (this.socket !== socket) return;
        this.socketOpen = true;
        this.failedAttempts = 0;
        this.setStatus('open');
        for (const pipelineId of this.watchers.keys()) this.send({ subscribe: pipelineId });
      },
      message: (data) => {
        if (this.socket === socket) this.dispatch(data);
      },
      close: () => {
        if (this.socket !== socket) return;
        this.socket = undefined;
        this.socketOpen = false;
        if (this.watchers.size === 0) return this.setStatus('idle');
        this.scheduleReconnect();
      },
    };
    const socket = this.options.openSocket(events);
    this.socket = socket;
  }

  private scheduleReconnect(): void {
    const { initialDelayMs, maxDelayMs, random } = this.options;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** this.failedAttempts) * (0.75 + 0.5 * random());
    this.failedAttempts++;
    this.setStatus('reconnecting');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private shutDown(): void {
    if (this.watchers.size > 0) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    this.socketOpen = false;
    this.failedAttempts = 0;
    socket?.close();
    this.setStatus('idle');
  }

  private dispatch(data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.pipelineId !== 'string') return;
    const handlersOfPipeline = this.watchers.get(message.pipelineId);
    if (!handlersOfPipeline) return;
    if (message.event === 'state') {
      for (const h of [...handlersOfPipeline]) h.state?.(message as unknown as LiveStateEvent);
    } else if (message.event === 'alert') {
      for (const h of [...handlersOfPipeline]) h.alert?.(message as unknown as LiveAlertEvent);
    } else if (isObject(message.totals) && isObject(message.stages)) {
      const snapshot = message as unknown as MetricsSnapshot;
      this.latestSnapshots.set(snapshot.pipelineId, snapshot);
      for (const h of [...handlersOfPipeline]) h.snapshot?.(snapshot);
    }
  }

  private send(message: { subscribe: string } | { unsubscribe: string }): void {
    this.socket?.send(JSON.stringify(message));
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of [...this.statusListeners]) listener();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
