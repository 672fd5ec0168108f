import type { PipelineDocument, PipelineSettings } from '@duto/model';

export interface ChainStage {
  id: string;
  type: string;
  config: Record<string, unknown>;
}

/** A pipeline document whose stages feed each other in a line. */
export function chain(name: string, stages: ChainStage[], settings: PipelineSettings = {}): PipelineDocument {
  return {
    format: 'duto.pipeline/v1',
    name,
    settings,
    stages: stages.map(({ id, type, config }) => ({ id, type, config })),
    edges: stages.slice(1).map((stage, i) => ({ from: stages[i]!.id, to: stage.id })),
  };
}
