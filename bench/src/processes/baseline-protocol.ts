/** Messages between the bench and a baseline process (a hand-written client doing a scenario's job). */
export type ToBaseline = { type: 'start'; config: unknown } | { type: 'stop' };

export type FromBaseline =
  | { type: 'ready' }
  /** `records`: how many records it carried to the destination. */
  | { type: 'stopped'; records: number }
  | { type: 'failed'; error: string };

/**
 * A baseline's work: `start` resolves once it consumes, or, with `consume`, once it is
 * ready to, and `consume` then connects to the source (a source that delivers as soon as
 * it is connected, like an MQTT session, would otherwise be read before the bench's clock
 * starts); `stop` finishes what is in flight.
 */
export interface BaselineJob {
  start(): Promise<void>;
  consume?(): Promise<void>;
  stop(): Promise<number>;
}

/**
 * The entry of a baseline process: builds the job from the bench's config, reports
 * readiness, stops on request and exits. A failure (of start, stop, or one the job reports
 * through `fail`) is reported and ends the process.
 */
export function serveBaseline<C>(create: (config: C, fail: (error: unknown) => void) => BaselineJob): void {
  let job: BaselineJob | undefined;
  const send = (message: FromBaseline) => process.connected && process.send?.(message);
  const fail = (error: unknown) => {
    send({ type: 'failed', error: error instanceof Error ? error.stack ?? error.message : String(error) });
    setTimeout(() => process.exit(1), 50);
  };
  process.on('message', (message: ToBaseline) => {
    if (message.type === 'start') {
      job = create(message.config as C, fail);
      const started = job;
      started
        .start()
        .then(async () => {
          send({ type: 'ready' });
          await started.consume?.();
        })
        .catch(fail);
    } else if (job) {
      job.stop().then((records) => {
        send({ type: 'stopped', records });
        setTimeout(() => process.exit(0), 50);
      }, fail);
    }
  });
  process.on('disconnect', () => process.exit(1));
}
