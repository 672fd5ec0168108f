import { fileURLToPath } from 'node:url';

/**
 * The entries of the threads that stages start, by the name each looks for beside the
 * runner's bundle (`<name>.mjs`): the runner bundle is built with them.
 */
export const stageWorkerEntries: Record<string, string> = {
  'conversion-worker': fileURLToPath(new URL('./destination-datalake/conversion-worker.ts', import.meta.url)),
};
