import { escapeToken, KEYWORD_SECRET, parsePointer, type PipelineDocument } from '@duto/model';
import type { DesignerCatalog } from '../catalog/stage-catalog';

/** A secret field whose typed value a stored draft leaves out: the user types it again after restoring. */
export interface TypedSecret {
  stageId: string;
  /** JSON Pointer inside the stage's config. */
  field: string;
}

/**
 * The draft as this browser may keep it: localStorage is plain text on the disk, so a value
 * typed into a secret field (schema `x-secret`) is left out, while a `{ "secret": name }`
 * reference stays. Also says which fields lost their value.
 */
export function withoutTypedSecrets(document: PipelineDocument, catalog: DesignerCatalog): { document: PipelineDocument; typedSecrets: TypedSecret[] } {
  const typedSecrets: TypedSecret[] = [];
  const stages = document.stages.map((stage) => {
    const fields = new Set<string>();
    const config = strip(catalog.entry(stage.type)?.configSchema, stage.config, '', fields) as typeof stage.config;
    for (const field of fields) typedSecrets.push({ stageId: stage.id, field });
    return fields.size === 0 ? stage : { ...stage, config };
  });
  return { document: typedSecrets.length === 0 ? document : { ...document, stages }, typedSecrets };
}

/** `value` without the strings typed into the secret fields of `schema`, followed through unions, objects and arrays. */
function strip(schema: unknown, value: unknown, at: string, stripped: Set<string>): unknown {
  if (value === undefined || schema === null || typeof schema !== 'object') return value;
  const s = schema as Record<string, unknown>;
  if (s[KEYWORD_SECRET] === true) {
    if (typeof value !== 'string') return value;
    stripped.add(at);
    return undefined;
  }
  let result: unknown = value;
  for (const branch of [s.anyOf, s.oneOf, s.allOf].flatMap((b) => (Array.isArray(b) ? b : []))) result = strip(branch, result, at, stripped);
  if (result === null || typeof result !== 'object') return result;
  if (Array.isArray(result)) return s.items === undefined ? result : result.map((item, i) => strip(s.items, item, `${at}/${i}`, stripped));
  const kept: Record<string, unknown> = { ...result };
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    if (!Object.hasOwn(kept, key)) continue;
    const field = strip(child, kept[key], `${at}/${escapeToken(key)}`, stripped);
    if (field === undefined) delete kept[key];
    else kept[key] = field;
  }
  return kept;
}

/** What a restored draft asks of the user: the secret fields to type again, by stage and field; undefined when none. */
export function retypeNotice(document: PipelineDocument, typedSecrets: readonly TypedSecret[]): string | undefined {
  if (typedSecrets.length === 0) return undefined;
  const places = typedSecrets.map(({ stageId, field }) => `${document.stages.find((s) => s.id === stageId)?.label ?? stageId} › ${parsePointer(field).join('.')}`);
  return `Passwords and tokens typed into a stage are not kept in this browser: type them again in ${places.join(', ')}.`;
}
