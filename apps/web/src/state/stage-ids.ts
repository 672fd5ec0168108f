import { STAGE_ID_PATTERN } from '@duto/model';

const ID_PATTERN = new RegExp(STAGE_ID_PATTERN);

/**
 * A new stage id made from its type and a number, e.g. `expression-2` for
 * `processor.expression`: readable in edges, exports and logs, and unique in the pipeline.
 */
export function newStageId(type: string, taken: ReadonlySet<string>): string {
  const name = type.slice(type.lastIndexOf('.') + 1);
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 50) || 'stage';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Why `id` cannot name a stage of this pipeline, or undefined when it can. */
export function stageIdProblem(id: string, taken: ReadonlySet<string>): string | undefined {
  if (!ID_PATTERN.test(id)) return 'use 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit';
  if (taken.has(id)) return `another stage already has the id "${id}"`;
  return undefined;
}
