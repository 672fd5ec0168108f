import {
  createCatalog,
  createPipelineValidator,
  type PipelineValidator,
  type StageCatalog,
  type StageCatalogEntry,
  type StageCategory,
  type StageDefinition,
  type StageOutputs,
} from '@duto/model';

/**
 * The catalog as the designer uses it: the entries of GET /api/stages, a model catalog
 * built from them, and the browser-side validator over that catalog. The web never
 * imports the stage package: the server is the one source of what stages exist.
 */
export interface DesignerCatalog {
  entries: readonly StageCatalogEntry[];
  catalog: StageCatalog;
  validate: PipelineValidator;
  entry: (type: string) => StageCatalogEntry | undefined;
}

/** How a stage looks wherever it is shown: palette, node, panel header. */
export interface StageLook {
  label: string;
  icon: string;
  category: StageCategory | 'unknown';
}

export function stageLook(entry: StageCatalogEntry | undefined, type: string): StageLook {
  if (!entry) return { label: type, icon: 'box', category: 'unknown' };
  return { label: entry.label, icon: entry.icon, category: entry.category };
}

export function buildDesignerCatalog(entries: readonly StageCatalogEntry[]): DesignerCatalog {
  const definitions = entries.map(toDefinition);
  const catalog = createCatalog(definitions);
  const byType = new Map(entries.map((e) => [e.type, e]));
  // Compiling the document schema takes a while: done on the first check, after the
  // canvas has drawn, rather than in the way of opening the pipeline.
  let validator: PipelineValidator | undefined;
  const validate: PipelineValidator = (document) => (validator ??= createPipelineValidator(catalog))(document);
  return { entries, catalog, validate, entry: (type) => byType.get(type) };
}

/**
 * A catalog entry as a model definition. The entry carries no `lint` (functions do not
 * travel over HTTP): cross-field rules are checked by the server on validate and save.
 */
function toDefinition(entry: StageCatalogEntry): StageDefinition {
  return {
    type: entry.type,
    category: entry.category,
    label: entry.label,
    description: entry.description,
    icon: entry.icon,
    outputs: parseOutputs(entry.outputs as Record<string, unknown>),
    // A JSON Schema from the server; TypeBox's type is only a static view of the same object.
    configSchema: entry.configSchema as StageDefinition['configSchema'],
    examples: entry.examples,
  };
}

function parseOutputs(outputs: Record<string, unknown>): StageOutputs {
  if (outputs.kind === 'none') return { kind: 'none' };
  if (outputs.kind === 'lanes' && typeof outputs.from === 'string') {
    return typeof outputs.default === 'string'
      ? { kind: 'lanes', from: outputs.from, default: outputs.default }
      : { kind: 'lanes', from: outputs.from };
  }
  return { kind: 'single' };
}
