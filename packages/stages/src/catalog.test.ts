import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv, createPipelineValidator, stageLanes, type StageDefinition } from '@duto/model';
import { stageCatalog, stageDefinitions } from './meta';
import { stageImplementations } from './impl';

/** The stage types the public contract promises. */
const CONTRACT_TYPES = [
  'origin.mqtt', 'origin.kafka', 'origin.postgres-cdc', 'origin.mysql-cdc', 'origin.jdbc-query', 'origin.directory',
  'origin.dev-generator', 'processor.expression', 'processor.filter', 'processor.router', 'processor.field-remover',
  'processor.field-renamer', 'processor.type-converter', 'processor.aggregate', 'destination.kafka',
  'destination.datalake', 'destination.jdbc', 'destination.mqtt', 'destination.trash',
];

const SRC = fileURLToPath(new URL('.', import.meta.url));
const validate = createPipelineValidator(stageCatalog);
const ajv = createAjv();

/** Every property schema in a config schema, with its JSON Pointer. */
function properties(schema: Record<string, any>, path = ''): Array<[string, Record<string, any>]> {
  const found: Array<[string, Record<string, any>]> = [];
  for (const [name, property] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
    found.push([`${path}/${name}`, property]);
    found.push(...properties(property, `${path}/${name}`));
    if (property.items) found.push(...properties(property.items, `${path}/${name}/*`));
  }
  return found;
}

/** A smallest valid pipeline around one stage with the given config. */
function pipelineAround(definition: StageDefinition, config: unknown) {
  const generator = { id: 'gen', type: 'origin.dev-generator', config: {} };
  const trash = (id: string) => ({ id, type: 'destination.trash', config: {} });
  const stage = { id: 'stage', type: definition.type, config };
  const lanes = stageLanes(definition, config) ?? [];
  const outputs = lanes.length > 0 ? lanes.map((lane) => ({ from: 'stage', to: `out-${lane}`, lane })) : [{ from: 'stage', to: 'out' }];
  const sinks = lanes.length > 0 ? lanes.map((lane) => trash(`out-${lane}`)) : [trash('out')];
  const base = { format: 'duto.pipeline/v1', name: `example of ${definition.type}` };
  if (definition.category === 'origin') return { ...base, stages: [stage, ...sinks], edges: outputs };
  if (definition.category === 'destination') return { ...base, stages: [generator, stage], edges: [{ from: 'gen', to: 'stage' }] };
  return { ...base, stages: [generator, stage, ...sinks], edges: [{ from: 'gen', to: 'stage' }, ...outputs] };
}

describe('stage catalog', () => {
  it('holds exactly the contract\'s stage types, each once', () => {
    expect(stageDefinitions.map((d) => d.type).sort()).toEqual([...CONTRACT_TYPES].sort());
  });

  it.each(stageDefinitions.map((d) => [d.type, d] as const))('%s is complete and consistent', (type, definition) => {
    expect(type).toMatch(/^(origin|processor|destination)\.[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(type.split('.')[0]).toBe(definition.category);
    expect(definition.label.length).toBeGreaterThan(0);
    expect(definition.description.length).toBeGreaterThan(20);
    expect(definition.outputs.kind).toBe(
      definition.category === 'destination' ? 'none' : definition.outputs.kind === 'lanes' ? 'lanes' : 'single',
    );
    expect(() => ajv.compile(definition.configSchema)).not.toThrow();
    for (const [path, property] of properties(definition.configSchema as Record<string, any>)) {
      expect(property.description, `${type} ${path} has no description`).toBeTruthy();
      if (property.default !== undefined) {
        expect(ajv.validate(property, property.default), `${type} ${path}: default does not validate`).toBe(true);
      }
    }
    expect(definition.examples.length).toBeGreaterThan(0);
    for (const example of definition.examples) {
      const result = validate(pipelineAround(definition, example));
      expect(result.issues, `${type} example`).toEqual([]);
    }
  });

  it('has one runtime for every definition, bound to that very definition', () => {
    expect(stageImplementations.map((i) => i.definition.type).sort()).toEqual(stageDefinitions.map((d) => d.type).sort());
    for (const implementation of stageImplementations) expect(stageCatalog.get(implementation.definition.type)).toBe(implementation.definition);
  });

  it('keeps each stage in a folder named after its type', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !['common', 'testing'].includes(e.name))
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(stageDefinitions.map((d) => d.type.replace('.', '-')).sort());
  });

  it('keeps meta files browser-safe: they import only typebox, the model and shared fields', () => {
    for (const definition of stageDefinitions) {
      const file = join(SRC, definition.type.replace('.', '-'), 'meta.ts');
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const source of imports) expect(['typebox', '@duto/model', '../common/fields'], file).toContain(source);
    }
  });
});
