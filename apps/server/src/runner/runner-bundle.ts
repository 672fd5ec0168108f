import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { stageWorkerEntries } from '@duto/stages/workers';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RUNNER_SOURCE = fileURLToPath(new URL('./child.ts', import.meta.url));
const BUNDLE_DIR = join(REPO_ROOT, '.cache', 'runner');
/** Node's `require` inside the ES module bundle, for the CommonJS packages bundled in it. */
const REQUIRE_SHIM = "import { createRequire as __dutoCreateRequire } from 'node:module'; const require = __dutoCreateRequire(import.meta.url);";

/**
 * Node's options for a runner process. V8 lets garbage pile up to several times the live
 * heap before a full collection; growing the heap by half at most kept a runner's peak
 * resident size 20% lower at the same throughput (mqtt-kafka: 284 -> 222 MB).
 */
export const RUNNER_NODE_OPTIONS = ['--heap-growing-percent=50'];

const bundles = new Map<string, Promise<string>>();

/**
 * The runner as one JavaScript file, with the threads its stages start beside it: forked
 * with plain Node, a runner needs no TypeScript loader, so it starts in about 0.2 s
 * instead of 1 s of CPU and is about 80 MB smaller (the loader's thread and compile
 * cache). Built once per process.
 */
export async function runnerBundle(): Promise<string> {
  return join(await bundled({ runner: RUNNER_SOURCE, ...stageWorkerEntries }), 'runner.mjs');
}

/** Any TypeScript entry bundled as a runner is (the bench's raw-client baselines run alike). */
export async function bundledEntry(entry: string): Promise<string> {
  return join(await bundled({ main: entry }), 'main.mjs');
}

/**
 * Builds the entries into a folder named by their content, so that servers of other
 * versions and parallel test workers never overwrite one another's files. No source map:
 * Node would hold it (40 MB) in every runner.
 */
function bundled(entries: Record<string, string>): Promise<string> {
  const key = JSON.stringify(entries);
  let folder = bundles.get(key);
  if (!folder) {
    folder = writeBundle(entries);
    bundles.set(key, folder);
    folder.catch(() => bundles.delete(key));
  }
  return folder;
}

async function writeBundle(entries: Record<string, string>): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: entries,
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of outputFiles) hash.update(basename(file.path)).update(file.contents);
  const folder = join(BUNDLE_DIR, hash.digest('hex').slice(0, 16));
  if (existsSync(folder)) return folder;
  const temporary = `${folder}.${process.pid}.tmp`;
  await mkdir(temporary, { recursive: true });
  for (const file of outputFiles) await writeFile(join(temporary, basename(file.path)), file.contents);
  try {
    await rename(temporary, folder);
  } catch (error) {
    // Another process wrote the same bundle first.
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(folder)) throw error;
  }
  return folder;
}
