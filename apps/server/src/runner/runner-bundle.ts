import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RUNNER_SOURCE = fileURLToPath(new URL('./child.ts', import.meta.url));
const BUNDLE_DIR = join(REPO_ROOT, '.cache', 'runner');
/** Node's `require` inside the ES module bundle, for the CommonJS packages bundled in it. */
const REQUIRE_SHIM = "import { createRequire as __dutoCreateRequire } from 'node:module'; const require = __dutoCreateRequire(import.meta.url);";

/** Node's options for a runner process. */
export const RUNNER_NODE_OPTIONS: string[] = ['--heap-growing-percent=50'];

const bundles = new Map<string, Promise<string>>();

/**
 * A TypeScript entry and everything it imports as one JavaScript file, for processes that
 * run it many times (a runner per pipeline): forked with plain Node, a runner needs no
 * TypeScript loader, so it starts in about 0.2 s instead of 1 s of CPU and is about 80 MB
 * smaller (the loader's thread and compile cache). Built once per process, named by its
 * content, so servers of other versions and parallel test workers never overwrite one
 * another's file. No source map: Node would hold it (40 MB) in every runner.
 */
export function runnerBundle(): Promise<string> {
  return bundledEntry(RUNNER_SOURCE);
}

/** Any TypeScript entry bundled as a runner is (the bench's raw-client baselines are run alike). */
export function bundledEntry(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = writeBundle(entry);
    bundles.set(entry, bundle);
    bundle.catch(() => bundles.delete(entry));
  }
  return bundle;
}

async function writeBundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const path = join(BUNDLE_DIR, `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(path)) return path;
  await mkdir(BUNDLE_DIR, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, path);
  return path;
}
