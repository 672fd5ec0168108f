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
  | ({ type: 'request'; id: number } & RunnerRequest);
