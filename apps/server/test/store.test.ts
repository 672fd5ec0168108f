import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { openDatabase } from '../src/store/database';
import { migrate, migrations } from '../src/store/migrations';
import { PipelineRunningError, PipelineStore, StaleVersionError } from '../src/store/pipeline-store';
import { RunStore } from '../src/store/run-store';
import { samplePipeline } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duto-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const doc = (name = 'p') => samplePipeline(name) as PipelineDocument;

describe('PipelineStore', () => {
  it('keeps every saved version and lists them newest first', () => {
    const db = openDatabase(join(dir, 'duto.db'));
    let tick = 0;
    const store = new PipelineStore(db, () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)));
    const { id, version } = store.create(doc('first'));
    expect(version).toBe(1);
    expect(store.update(id, doc('second'))).toEqual({ id, version: 2 });
    expect(store.update(id, doc('third'), 2)).toEqual({ id, version: 3 });

    expect(store.versions(id)!.map((v) => [v.version, v.name])).toEqual([[3, 'third'], [2, 'second'], [1, 'first']]);
    expect(store.documentAt(id, 1)!.name).toBe('first');
    expect(store.get(id)).toMatchObject({ id, version: 3, state: 'STOPPED', document: { name: 'third' } });
    expect(store.list()).toEqual([expect.objectContaining({ id, name: 'third', version: 3 })]);
    db.close();
  });

  it('refuses a save based on a stale version and stores nothing', () => {
    const store = new PipelineStore(openDatabase(join(dir, 'duto.db')));
    const { id } = store.create(doc());
    store.update(id, doc('b'));
    expect(() => store.update(id, doc('c'), 1)).toThrow(StaleVersionError);
    expect(store.get(id)!.version).toBe(2);
  });

  it('refuses to delete a running pipeline, and deletes a stopped one with its versions', () => {
    const db = openDatabase(join(dir, 'duto.db'));
    const store = new PipelineStore(db);
    const runs = new RunStore(db);
    const { id } = store.create(doc());
    runs.setState(id, 'RUNNING');
    expect(() => store.delete(id)).toThrow(PipelineRunningError);
    expect(store.get(id)).toBeDefined();
    runs.setState(id, 'STOPPED');
    expect(store.delete(id)).toBe(true);
    expect(store.get(id)).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM pipeline_versions').get()).toEqual({ n: 0 });
    expect(store.delete(id)).toBe(false);
  });

  it('gives readable, unique ids', () => {
    const store = new PipelineStore(openDatabase(join(dir, 'duto.db')));
    const a = store.create(doc('IoT sensors → Kafka!')).id;
    const b = store.create(doc('IoT sensors → Kafka!')).id;
    expect(a).toMatch(/^iot-sensors-kafka-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });

  it('survives a reopen', () => {
    const file = join(dir, 'duto.db');
    const db = openDatabase(file);
    const { id } = new PipelineStore(db).create(doc('kept'));
    db.close();
    expect(new PipelineStore(openDatabase(file)).get(id)!.document.name).toBe('kept');
  });
});

describe('migrations', () => {
  it('upgrades a copy of a database written by the first schema, keeping its data', () => {
    const original = join(dir, 'v1.db');
    const old = new BetterSqlite3(original);
    migrate(old, 1);
    old.prepare(`INSERT INTO pipelines VALUES ('old-1', 'old pipeline', 2, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`).run();
    const insertVersion = old.prepare(`INSERT INTO pipeline_versions VALUES ('old-1', ?, ?, ?)`);
    insertVersion.run(1, JSON.stringify({ ...doc('old pipeline v1') }), '2026-01-01T00:00:00.000Z');
    insertVersion.run(2, JSON.stringify({ ...doc('old pipeline') }), '2026-01-02T00:00:00.000Z');
    old.close();

    const copy = join(dir, 'copy.db');
    copyFileSync(original, copy);
    const db = openDatabase(copy);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const store = new PipelineStore(db);
    expect(store.get('old-1')).toMatchObject({ version: 2, state: 'STOPPED', document: { name: 'old pipeline' } });
    expect(store.versions('old-1')!.map((v) => v.version)).toEqual([2, 1]);
    expect(new RunStore(db).status('old-1')).toEqual({ state: 'STOPPED', since: '2026-01-02T00:00:00.000Z' });
    db.close();

    const untouched = new BetterSqlite3(original, { readonly: true });
    expect(untouched.pragma('user_version', { simple: true })).toBe(1);
    untouched.close();
  });

  it('refuses a database from a newer Duto', () => {
    const file = join(dir, 'future.db');
    const future = new BetterSqlite3(file);
    future.pragma(`user_version = ${migrations.length + 1}`);
    future.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Duto/);
  });
});
