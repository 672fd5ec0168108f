import type { StageLogger } from '@duto/engine';

interface PinoLike {
  info(extra: object, message: string): void;
  warn(extra: object, message: string): void;
  error(extra: object, message: string): void;
}

/** A stage's logger over a pino logger (which takes the fields first, then the message). */
export function stageLogger(log: PinoLike): StageLogger {
  return {
    info: (message, extra) => log.info(extra ?? {}, message),
    warn: (message, extra) => log.warn(extra ?? {}, message),
    error: (message, extra) => log.error(extra ?? {}, message),
  };
}
