/**
 * The functions and packages that spent the most CPU in V8 CPU profiles, e.g. those that
 * `pnpm bench --profile <dir>` writes for each runner and baseline process:
 *
 *   tsx bench/src/profile-top.ts <file.cpuprofile>... [--top 25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in milliseconds per function and per package (or repository folder). */
export function selfTimes(profile: CpuProfile): { total: number; functions: Map<string, number>; packages: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += ms;
    const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const where = packageOf(url, functionName);
    packages.set(where, (packages.get(where) ?? 0) + ms);
  });
  return { total, functions, packages };
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  const repo = url.indexOf('/work/main/');
  return repo === -1 ? url : url.slice(repo + '/work/main/'.length);
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  return shortUrl(url).split('/').slice(0, 4).join('/');
}

function top(entries: Map<string, number>, total: number, count: number): string[] {
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) {
    const { total, functions, packages } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    console.log(`\n${basename(file)}: ${(total / 1000).toFixed(1)} s sampled`);
    console.log('-- self time by package --');
    console.log(top(packages, total, 12).join('\n'));
    console.log('-- self time by function --');
    console.log(top(functions, total, Number(values.top)).join('\n'));
  }
}
