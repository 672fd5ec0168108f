import { describe, expect, it } from 'vitest';
import { ApiRequestError, ServerUnreachableError } from '../api/client';
import { describeReprocess, describeReprocessFailure } from './reprocess-outcome';

describe('what a re-process tells the user', () => {
  it('says how many went back, failed again or were gone', () => {
    expect(describeReprocess({ reprocessed: 1, failedAgain: 0, missing: [] })).toBe('Sent 1 record back into the pipeline.');
    expect(describeReprocess({ reprocessed: 3, failedAgain: 2, missing: [7] })).toBe(
      'Sent 3 records back into the pipeline. 2 failed again: they are listed anew with their new reason. 1 had already gone (re-processed or discarded elsewhere).',
    );
  });

  it('explains that a stopped pipeline must be started first, and passes other failures on', () => {
    const conflict = new ApiRequestError(409, [{ path: '', message: 'pipeline p is not running' }]);
    expect(describeReprocessFailure(conflict)).toMatch(/^The pipeline is not running.*Start it/);
    expect(describeReprocessFailure(new ApiRequestError(502, [{ path: '', message: 'the runner crashed' }]))).toBe('Could not re-process: the runner crashed');
    expect(describeReprocessFailure(new ServerUnreachableError(new Error('fetch failed')))).toMatch(/^Could not re-process: The Duto server cannot be reached/);
  });
});
