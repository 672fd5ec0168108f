/**
 * Generated malformed input for the fuzz test: pipeline documents mutated from a valid one,
 * and random request bodies. Seeded, so that a failure repeats with the same seed.
 */

import type { Random } from '../src/simulator/seeded-random';

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, below: number) => Math.floor(random() * below);

/** A valid document with most kinds of stage config: origins, lanes, expressions, secrets, lake paths. */
export function validDocument(): Record<string, any> {
  return {
    format: 'duto.pipeline/v1',
    name: 'Fuzz base',
    description: 'every kind of field',
    parameters: { TOPIC: 'sensors/#', LIMIT: '30' },
    settings: { batchSize: 100, batchWaitMs: 50, onRecordError: 'error-lane' },
    stages: [
      { id: 'mqtt', type: 'origin.mqtt', label: 'Sensors', config: { brokerUrl: 'mqtt://127.0.0.1:1883', topics: ['${TOPIC}'], qos: 1, format: 'json', username: 'u', password: 'p' }, position: { x: 0, y: 0 } },
      { id: 'calc', type: 'processor.expression', config: { fields: [{ path: 'f', expression: 'temperature * 9 / 5 + 32' }] } },
      { id: 'route', type: 'processor.router', config: { routes: [{ lane: 'hot', condition: 'f > ${LIMIT}' }], defaultLane: 'rest' } },
      { id: 'lake', type: 'destination.datalake', config: { path: 'iot/hot', partitionBy: 'dt={yyyy}-{MM}-{dd}', format: 'jsonl' } },
      { id: 'db', type: 'destination.jdbc', config: { connectionString: 'postgres://duto@127.0.0.1:5432/shop', table: 'readings', mode: 'insert', password: { secret: 'shop.db' } } },
    ],
    edges: [
      { from: 'mqtt', to: 'calc' },
      { from: 'calc', to: 'route' },
      { from: 'route', to: 'lake', lane: 'hot' },
      { from: 'route', to: 'db', lane: 'rest' },
    ],
  };
}

/** Kinds of mutation whose refusal must point at (or into, or above) the place mutated. */
export const LOCAL_MUTATIONS = new Set(['wrong type', 'huge string', 'deep nesting', 'prototype key', 'unknown stage type', 'unknown property']);

export interface Mutant {
  kind: string;
  /** JSON Pointer of the mutated place. */
  at: string;
  /** The request body: JSON text, since a prototype key does not survive as an object. */
  body: string;
}

export function mutateDocument(random: Random): Mutant {
  const document = validDocument();
  const kind = pick(random, MUTATIONS);
  const at = MUTATORS[kind]!(random, document);
  const body = JSON.stringify(document);
  if (kind === 'prototype key') {
    // A `__proto__` property cannot be set on an object without changing its prototype: write it into the text.
    const key = pick(random, ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}']);
    const target = at.slice(0, at.lastIndexOf('/'));
    return { kind, at: target + (key.startsWith('"__') ? '/__proto__' : '/constructor/prototype'), body: body.replace(`"${MARKER}":true`, key) };
  }
  if (kind === 'deep nesting') return { kind, at, body: body.replace(`"${MARKER}"`, nestedText(random, 65 + int(random, 5000))) };
  return { kind, at, body };
}

/** Stands in the document for what only the JSON text can hold. */
const MARKER = 'fuzz-marker';

const MUTATORS: Record<string, (random: Random, document: Record<string, any>) => string> = {
  'wrong type': (random, document) => {
    const place = pick(random, places(document).filter((p) => p.at !== ''));
    set(document, place.at, otherType(random, place.value));
    return place.at;
  },
  'missing field': (random, document) => {
    const place = pick(random, places(document).filter((p) => p.parentIsObject));
    remove(document, place.at);
    return place.at;
  },
  'huge string': (random, document) => {
    const place = pick(random, places(document).filter((p) => typeof p.value === 'string'));
    set(document, place.at, 'x'.repeat(100_000 + int(random, 1_400_000)));
    return place.at;
  },
  'deep nesting': (random, document) => {
    const place = pick(random, places(document).filter((p) => p.at !== ''));
    set(document, place.at, MARKER);
    return place.at;
  },
  'prototype key': (random, document) => {
    const place = pick(random, places(document).filter((p) => isObject(p.value)));
    place.value[MARKER] = true;
    return `${place.at}/${MARKER}`;
  },
  'unknown stage type': (random, document) => {
    const i = int(random, document.stages.length);
    document.stages[i].type = pick(random, ['destination.s3', 'origin.shell', '', 'processor.javascript', '../../etc/passwd', 'x'.repeat(500)]);
    return `/stages/${i}/type`;
  },
  'unknown property': (random, document) => {
    const place = pick(random, places(document).filter((p) => isObject(p.value)));
    place.value[pick(random, ['extra', 'script', 'onStart', '$where'])] = randomJson(random, 2);
    return place.at;
  },
  'bad edge': (random, document) => {
    const ids = document.stages.map((s: { id: string }) => s.id);
    const edge = pick(random, [
      { from: 'nowhere', to: pick(random, ids) },
      { from: pick(random, ids), to: pick(random, ids) },
      { from: 'db', to: 'mqtt' },
      { from: 'calc', to: 'calc' },
      { from: 'route', to: 'lake', lane: 'no-such-lane' },
      { from: 'mqtt', to: 'calc', lane: 'x' },
      { from: 'calc', to: 'mqtt' },
    ]);
    document.edges.splice(int(random, document.edges.length + 1), 0, edge);
    return '/edges';
  },
  'bad stage id': (random, document) => {
    const i = int(random, document.stages.length);
    document.stages[i].id = pick(random, [document.stages[(i + 1) % document.stages.length].id, 'Upper', '-x', 'a/b', '', 'x'.repeat(65)]);
    return `/stages/${i}/id`;
  },
  'random document': (random, document) => {
    for (const key of Object.keys(document)) delete document[key];
    Object.assign(document, { format: 'duto.pipeline/v1', ...(randomJson(random, 4) as object) });
    return '';
  },
};
const MUTATIONS = Object.keys(MUTATORS);

/** A random JSON body for any route: values of every type, sometimes huge or deep. */
export function randomBody(random: Random): string {
  const roll = random();
  if (roll < 0.05) return pick(random, ['{', '{"a":', 'nul', '[1,,2]', '"unterminated', '{"a":1}}', '']);
  if (roll < 0.1) return `{"__proto__":${JSON.stringify(randomJson(random, 2))}}`;
  if (roll < 0.15) return nestedText(random, 65 + int(random, 5000));
  if (roll < 0.2) return JSON.stringify({ name: 'x'.repeat(int(random, 1_500_000)), value: 'y', role: 'admin', username: 'z', password: 'w' });
  return JSON.stringify(randomJson(random, 4));
}

function randomJson(random: Random, depth: number): unknown {
  const choice = depth <= 0 ? int(random, 5) : int(random, 7);
  switch (choice) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return pick(random, [0, -1, 1e308, -1e-308, 3.5, Number.MAX_SAFE_INTEGER + 2, 65_536]);
    case 3: return pick(random, ['', 'admin', 'viewer', 'duto.pipeline/v1', '${X}', '../../etc', '\u0000', 'ü'.repeat(300), 'a'.repeat(5000)]);
    case 4: return pick(random, ['name', 'role', 'value', 'records', 'ids', 'parameters', 'document']);
    case 5: return Array.from({ length: int(random, 5) }, () => randomJson(random, depth - 1));
    default: {
      const keys = ['name', 'role', 'value', 'username', 'password', 'records', 'ids', 'parameters', 'document', 'kind', 'threshold', 'forSeconds', 'currentPassword', 'newPassword', 'stages', 'edges', 'x'];
      return Object.fromEntries(Array.from({ length: int(random, 5) }, () => [pick(random, keys), randomJson(random, depth - 1)]));
    }
  }
}

/** JSON nested `depth` deep, as text: JSON.stringify itself would overflow the stack. */
function nestedText(random: Random, depth: number): string {
  const kinds = Array.from({ length: depth }, () => random() < 0.5);
  return kinds.map((array) => (array ? '[' : '{"a":')).join('') + '"bottom"' + kinds.reverse().map((array) => (array ? ']' : '}')).join('');
}

function otherType(random: Random, value: unknown): unknown {
  const options = [42, 'text', true, null, [], {}, [1, 'two'], { nested: { deeper: 1 } }].filter((o) => typeOf(o) !== typeOf(value));
  return pick(random, options);
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

interface Place {
  at: string;
  value: any;
  parentIsObject: boolean;
}

/** Every value in the document with its pointer. */
function places(value: unknown, at = '', parentIsObject = false): Place[] {
  const here: Place = { at, value, parentIsObject };
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => places(v, `${at}/${i}`, false))];
  if (isObject(value)) return [here, ...Object.entries(value).flatMap(([k, v]) => places(v, `${at}/${k}`, true))];
  return [here];
}

function parent(document: Record<string, any>, at: string): [any, string] {
  const tokens = at.split('/').slice(1);
  const last = tokens.pop()!;
  return [tokens.reduce((node, token) => node[token], document), last];
}

function set(document: Record<string, any>, at: string, value: unknown): void {
  const [node, key] = parent(document, at);
  node[key] = value;
}

function remove(document: Record<string, any>, at: string): void {
  const [node, key] = parent(document, at);
  delete node[key];
}
