import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineDocument, PipelineValidator } from '@duto/model';
import type { PipelineStore } from '../store/pipeline-store';

/** The sample documents, in the order a newcomer meets them. */
const SAMPLE_FILES = [
  'iot-sensors-to-kafka.json',
  'kafka-to-datalake.json',
  'speed-layer-statistics.json',
  'postgres-changes-to-kafka-and-lake.json',
];

/** Written once the samples were offered, so that a sample the user deleted stays deleted. */
export const SAMPLES_MARKER = 'samples-installed';

export interface SampleOptions {
  /** DUTO_MQTT_URL: the default of the samples' MQTT_URL parameter. */
  mqttUrl: string;
}

/** The sample documents, with the MQTT broker of this installation as their MQTT_URL default. */
export function sampleDocuments({ mqttUrl }: SampleOptions): PipelineDocument[] {
  return SAMPLE_FILES.map((file) => {
    const document = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as PipelineDocument;
    if (document.parameters && 'MQTT_URL' in document.parameters) document.parameters.MQTT_URL = mqttUrl;
    return document;
  });
}

/**
 * Stores the sample pipelines (stopped) on the first start of a home whose store is empty,
 * and marks the home either way: samples are offered once, never forced on a store that
 * already has pipelines, and never brought back after being deleted. Answers the names of
 * the pipelines stored.
 */
export function installSamples(home: string, store: PipelineStore, validate: PipelineValidator, options: SampleOptions): string[] {
  const marker = join(home, SAMPLES_MARKER);
  if (existsSync(marker)) return [];
  const installed: string[] = [];
  if (store.list().length === 0) {
    // Last first: the pipelines page lists the newest first, so the samples read in order there.
    for (const document of sampleDocuments(options).reverse()) {
      const result = validate(document);
      if (!result.valid) throw new Error(`sample "${document.name}" is invalid: ${JSON.stringify(result.issues)}`);
      store.create(result.document);
      installed.unshift(document.name);
    }
  }
  writeFileSync(marker, `${JSON.stringify({ at: new Date().toISOString(), installed })}\n`);
  return installed;
}
