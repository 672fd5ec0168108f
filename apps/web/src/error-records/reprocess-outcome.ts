import type { ReprocessResult } from '@duto/model';
import { ApiRequestError, describeError } from '../api/client';

/** What a re-process did, in a sentence. */
export function describeReprocess(result: ReprocessResult): string {
  const parts = [`Sent ${result.reprocessed} ${result.reprocessed === 1 ? 'record' : 'records'} back into the pipeline.`];
  if (result.failedAgain > 0) parts.push(`${result.failedAgain} failed again: they are listed anew with their new reason.`);
  if (result.missing.length > 0) parts.push(`${result.missing.length} had already gone (re-processed or discarded elsewhere).`);
  return parts.join(' ');
}

/** Why a re-process was refused; a stopped pipeline (409) is explained, since re-processing needs it running. */
export function describeReprocessFailure(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 409) {
    return 'The pipeline is not running, and re-processed records go through the running pipeline. Start it (with the corrected configuration saved), then re-process again.';
  }
  return `Could not re-process: ${describeError(error)}`;
}
