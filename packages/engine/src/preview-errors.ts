/**
 * Why a preview gave no result: the request does not fit the pipeline (`request`), a
 * stage could not be built or its origin could not be read (`stage`), or the processors
 * took longer than the preview may (`timeout`).
 */
export class PreviewError extends Error {
  constructor(
    readonly kind: 'request' | 'stage' | 'timeout',
    message: string,
    readonly stageId?: string,
  ) {
    super(message);
  }
}
