import { readPointer } from './pointer';
import type { StageDefinition } from './stage-definition';

/** The named output lanes of a stage as configured, or undefined for a stage without lanes. */
export function stageLanes(definition: StageDefinition, config: unknown): string[] | undefined {
  const outputs = definition.outputs;
  if (outputs.kind !== 'lanes') return undefined;
  const names = readPointer(config, outputs.from);
  if (outputs.default !== undefined) names.push(...readPointer(config, outputs.default));
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n.length > 0))];
}
