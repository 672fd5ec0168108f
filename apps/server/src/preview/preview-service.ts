import type { FastifyBaseLogger } from 'fastify';
import { PreviewError, previewPipeline, type StageImplementations } from '@duto/engine';
import type { PipelineDocument, PipelineValidator, PreviewRequest, PreviewResult } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { runDocument } from '../runner/run-document';
import { stageLogger } from '../runner/stage-logger';
import { MissingSecretsError } from '../secrets/pipeline-secrets';
import type { PipelineStore } from '../store/pipeline-store';
import type { RunStore } from '../store/run-store';
import { pipelineNotFound } from '../routes/route-schemas';

const PreviewErrorCodes = {
  /** A stage could not be built, or the origin could not be read. */
  stage: 'DUTO_ERR_PREVIEW_STAGE',
  /** The processors took longer than a preview may. */
  timeout: 'DUTO_ERR_PREVIEW_TIMEOUT',
} as const;

export interface PreviewServiceOptions {
  store: PipelineStore;
  runs: RunStore;
  validate: PipelineValidator;
  implementations: StageImplementations;
  /** The document with its secret references replaced by their values; throws MissingSecretsError. */
  resolveSecrets: (document: PipelineDocument) => PipelineDocument;
  kafkaBrokers: string[];
  lakeDir: string;
  log: FastifyBaseLogger;
  /** Previews that may run at once; more are refused with 429 (they run in the server process). */
  maxConcurrent?: number;
}

/**
 * Previews in the server process: the saved pipeline or a draft, with parameters as a start
 * takes them, through the engine's preview, which writes nowhere and commits nothing. The
 * origin's committed position is read from the store, so a preview shows what the next run
 * would read.
 */
export class PreviewService {
  private running = 0;

  constructor(private readonly options: PreviewServiceOptions) {}

  async preview(pipelineId: string, request: PreviewRequest): Promise<PreviewResult> {
    const { store, runs, validate, implementations, log } = this.options;
    const pipeline = store.get(pipelineId);
    if (!pipeline) throw pipelineNotFound(pipelineId);
    const document = request.document === undefined
      ? runDocument(pipeline.document, request.parameters ?? {}, validate)
      : runDocument(validDraft(request.document, validate), request.parameters ?? {}, validate, '/document');
    const resolved = this.withSecrets(document);
    if (this.running >= (this.options.maxConcurrent ?? 4)) {
      throw ApiError.single(429, ErrorCodes.limitReached, 'too many previews are running; try again in a moment');
    }
    this.running++;
    const previewLog = log.child({ pipelineId, preview: true });
    try {
      return await previewPipeline({
        pipelineId,
        document: resolved,
        implementations,
        host: {
          readOffset: async (stageId) => runs.readOffset(pipelineId, stageId),
          logger: (stageId) => stageLogger(stageId ? previewLog.child({ stageId }) : previewLog),
          services: { kafkaBrokers: this.options.kafkaBrokers, lakeDir: this.options.lakeDir },
        },
        originId: request.originId,
        records: request.records,
        maxRecords: request.maxRecords,
        timeoutMs: request.timeoutMs,
      });
    } catch (error) {
      if (error instanceof PreviewError) throw asApiError(error);
      throw error;
    } finally {
      this.running--;
    }
  }

  private withSecrets(document: PipelineDocument): PipelineDocument {
    try {
      return this.options.resolveSecrets(document);
    } catch (error) {
      if (error instanceof MissingSecretsError) throw new ApiError(400, error.issues);
      throw error;
    }
  }
}

/** A draft is checked alone first, so that its problems point into the request body. */
function validDraft(draft: unknown, validate: PipelineValidator): PipelineDocument {
  const result = validate(draft);
  if (!result.valid) throw new ApiError(400, result.issues.map((issue) => ({ ...issue, path: `/document${issue.path}` })));
  return result.document;
}

function asApiError(error: PreviewError): ApiError {
  const stageId = error.stageId === undefined ? {} : { stageId: error.stageId };
  if (error.kind === 'request') return new ApiError(400, [{ path: '/originId', message: error.message, code: ErrorCodes.badRequest, ...stageId }]);
  const code = error.kind === 'timeout' ? PreviewErrorCodes.timeout : PreviewErrorCodes.stage;
  return new ApiError(422, [{ path: '', message: error.message, code, ...stageId }]);
}
