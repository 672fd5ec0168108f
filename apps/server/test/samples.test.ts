import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineValidator } from '@duto/model';
import { stageCatalog } from '@duto/stages/meta';
import { installSamples, sampleDocuments, SAMPLES_MARKER } from '../src/samples/install-samples';
import { openDatabase } from '../src/store/database';
import { PipelineStore } from '../src/store/pipeline-store';

/** The sample pipelines: valid documents, offered once per home. (A real first start: startup.test.ts.) */
const validate = createPipelineValidator(stageCatalog);
const SAMPLE_NAMES = [
  'IoT sensors → Kafka',
  'Kafka → data lake (Parquet, partitioned by day and hour)',
  'Speed layer: per-sensor 1-minute statistics → Kafka',
  'PostgreSQL changes → Kafka → data lake',
];
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((home) => rmSync(home, { recursive: true, force: true })));

function freshHome() {
  const home = mkdtempSync(join(tmpdir(), 'duto-samples-'));
  homes.push(home);
  const db = openDatabase(join(home, 'duto.db'));
  return { home, store: new PipelineStore(db), close: () => db.close() };
}

describe('the sample pipelines', () => {
  it('are valid documents for the real validator, with the MQTT broker of DUTO_MQTT_URL', () => {
    const documents = sampleDocuments({ mqttUrl: 'mqtt://broker.example:1884' });
    expect(documents.map((d) => d.name)).toEqual(SAMPLE_NAMES);
    for (const document of documents) expect(validate(document).issues).toEqual([]);
    expect(documents[0]!.parameters).toMatchObject({ MQTT_URL: 'mqtt://broker.example:1884', SENSOR_TOPIC: 'sensors/#' });
    expect(documents[0]!.stages[0]!.config.brokerUrl).toBe('${MQTT_URL}');
    expect(documents[3]!.description).toMatch(/^Needs PostgreSQL with wal_level=logical/);
  });

  it('are installed once into an empty store, and the home is marked', () => {
    const { home, store, close } = freshHome();
    expect(installSamples(home, store, validate, { mqttUrl: 'mqtt://127.0.0.1:1883' })).toEqual(SAMPLE_NAMES);
    expect(store.list().map((p) => [p.name, p.state]).sort()).toEqual(SAMPLE_NAMES.map((name) => [name, 'STOPPED']).sort());
    expect(existsSync(join(home, SAMPLES_MARKER))).toBe(true);
    expect(installSamples(home, store, validate, { mqttUrl: 'mqtt://127.0.0.1:1883' })).toEqual([]);
    expect(store.list()).toHaveLength(4);
    close();
  });

  it('are not added to a store that already has pipelines, nor offered to it later', () => {
    const { home, store, close } = freshHome();
    const [own] = sampleDocuments({ mqttUrl: 'mqtt://127.0.0.1:1883' });
    store.create({ ...own!, name: 'Mine' });
    expect(installSamples(home, store, validate, { mqttUrl: 'mqtt://127.0.0.1:1883' })).toEqual([]);
    store.delete(store.list()[0]!.id);
    expect(installSamples(home, store, validate, { mqttUrl: 'mqtt://127.0.0.1:1883' })).toEqual([]);
    expect(store.list()).toEqual([]);
    close();
  });
});
