import type { RetainedState, PipelineDocument } from '@duto/model';
import { stageConfig, type StageImplementations } from '@duto/engine';

export interface RetainedStatesOptions {
  implementations: StageImplementations;
  /** The parameters of the pipeline's last start: they may name the slot or the broker. */
  parameters: (pipelineId: string) => Record<string, string>;
  resolveSecrets: (document: PipelineDocument) => PipelineDocument;
}

/** A stage's retained state that could not be released. */
export class ReleaseError extends Error {}

/**
 * What a pipeline's stages keep on services between runs, and giving it back when the
 * pipeline is deleted (only when asked: a pipeline deleted and imported again resumes from it).
 */
export class RetainedStates {
  constructor(private readonly options: RetainedStatesOptions) {}

  list(pipelineId: string, document: PipelineDocument): RetainedState[] {
    return this.stagesOf(pipelineId, document).flatMap(({ stageId, config, retained }) => {
      const description = retained.describe(config, { pipelineId, stageId });
      return description === undefined ? [] : [{ stageId, description }];
    });
  }

  /** Gives back each stage's state in turn; stops at the first that fails, saying which. */
  async release(pipelineId: string, document: PipelineDocument): Promise<void> {
    for (const { stageId, config, retained } of this.stagesOf(pipelineId, this.options.resolveSecrets(document))) {
      const stage = { pipelineId, stageId };
      const description = retained.describe(config, stage);
      if (description === undefined) continue;
      try {
        await retained.release(config, stage);
      } catch (error) {
        throw new ReleaseError(`stage "${stageId}" could not release its ${description}: ${(error as Error).message}`);
      }
    }
  }

  private stagesOf(pipelineId: string, document: PipelineDocument) {
    const parameters = { ...document.parameters, ...this.options.parameters(pipelineId) };
    return document.stages.flatMap((stage) => {
      const implementation = this.options.implementations.get(stage.type);
      if (!implementation?.retained) return [];
      return [{ stageId: stage.id, config: stageConfig(implementation, stage, parameters) as never, retained: implementation.retained }];
    });
  }
}
