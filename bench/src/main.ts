/**
 * `pnpm bench`: every scenario of issue 9 against the real local services, each beside its
 * raw-client baseline, then a table on stdout and bench/results/latest.json.
 *
 *   pnpm bench [--scale 0.1 | --quick] [--runs 3] [--only name,name] [--profile <dir>] [--out <file>] [--latency-seconds 180]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine';
import { formatTable, formatTargets, writeResults } from './report';
import { runBench } from './run-bench';

const QUICK_SCALE = 0.05;

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'string' },
    out: { type: 'string' },
    'latency-seconds': { type: 'string' },
    runs: { type: 'string' },
  },
});

const scale = values.quick ? QUICK_SCALE : Number(values.scale ?? 1);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${values.scale}`);
const runs = Number(values.runs ?? 1);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number from 1, not ${values.runs}`);
const out = resolve(values.out ?? fileURLToPath(new URL('../results/latest.json', import.meta.url)));
const profileDir = values.profile === undefined ? undefined : resolve(values.profile);

const { results, failures } = await runBench({
  scale,
  runs,
  only: values.only ? values.only.split(',') : [],
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  ...(profileDir ? { profileDir } : {}),
  ...(values['latency-seconds'] ? { latencySeconds: Number(values['latency-seconds']) } : {}),
  log: (line) => console.error(`[bench] ${line}`),
});
console.log(formatTable(results));
console.log(`\n${formatTargets(results)}`);
writeResults(out, results, describeMachine(), new Date());
console.error(`[bench] wrote ${out}${profileDir ? `; CPU profiles in ${profileDir}` : ''}`);
if (failures.length > 0) {
  console.error(`[bench] failed: ${failures.map((f) => f.name).join(', ')}`);
  process.exitCode = 1;
}
