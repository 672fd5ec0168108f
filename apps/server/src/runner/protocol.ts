import type { ReprocessEntry } from '@duto/engine';
import type { ErrorRecord, MetricsSnapshot, PipelineDocument } from '@duto/model';

/**
 * Messages between the server (supervisor) and a pipeline's runner process. Plain JSON,
 * so that a runner could as well sit on another machine behind a socket.
 */
export type ToRunner =
  | {
      type: 'start';
      pipelineId: string;
      document: PipelineDocument;
      parameters: Record<string, string>;
      kafkaBrokers: string[];
      lakeDir: string;
    }
  | { type: 'stop' }
  /** Error records to run again from the stages where they failed; answered by `reprocessed`. */
  | { type: 'reprocess'; id: number; entries: ReprocessEntry[] }
  | { type: 'reply'; id: number; ok: true; value?: string }
  | { type: 'reply'; id: number; ok: false; error: string };

export type RunnerRequest =
  | { op: 'read-offset'; stageId: string }
  | { op: 'commit-offset'; stageId: string; position: string }
  | { op: 'store-errors'; errors: ErrorRecord[] };

export type FromRunner =
  | { type: 'running' }
  | { type: 'metrics'; snapshot: MetricsSnapshot }
  | { type: 'stopped' }
  /** `retryable`: a service may come back (restart with backoff); else the pipeline itself is wrong. */
  | { type: 'failed'; error: string; retryable: boolean }
  /** Sent once every re-processed record is durable downstream; `failedAgain` new error records were made. */
  | { type: 'reprocessed'; id: number; ok: true; failedAgain: number }
  /** `refused`: nothing was run (not running, unknown stage); else it failed on the way and may have been partly written. */
  | { type: 'reprocessed'; id: number; ok: false; error: string; refused: boolean }
  | ({ type: 'request'; id: number } & RunnerRequest);
