import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What one process (a runner or a baseline) did in a scenario. */
export interface RunFigures {
  records: number;
  recordsPerSec: number;
  peakRssMb: number;
  cpuSeconds: number;
  /** End-to-end latency, in the latency scenario. */
  latency?: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Resident size at the start and end of the run, in a steady run. */
  rssStartMb?: number;
  rssEndMb?: number;
}

export interface PipelineResult {
  kind: 'pipeline';
  name: string;
  duto: RunFigures;
  baseline: RunFigures;
}

export interface WebResult {
  kind: 'web';
  name: string;
  openMs: number;
  panFps: number;
  initialJsGzipKb: number;
}

export type ScenarioResult = PipelineResult | WebResult;

/** One row of bench/results/latest.json, in the shape issue 9 asks for. */
export interface JsonScenario {
  name: string;
  recordsPerSec: number | null;
  baselineRecordsPerSec: number | null;
  ratio: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  peakRssMb: number | null;
  cpuSeconds: number | null;
  /** The web scenario's own figures, where the pipeline ones do not apply. */
  openMs?: number;
  panFps?: number;
  initialJsGzipKb?: number;
}

export interface BenchJson {
  date: string;
  machine: string;
  scenarios: JsonScenario[];
}

/** Writes the results as JSON to `file`, creating its folder. */
export function writeResults(file: string, results: ScenarioResult[], machine: string, date: Date): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(toJson(results, machine, date), null, 2) + '\n');
}

export function toJson(results: ScenarioResult[], machine: string, date: Date): BenchJson {
  return { date: date.toISOString(), machine, scenarios: results.map(jsonRow) };
}

function jsonRow(result: ScenarioResult): JsonScenario {
  if (result.kind === 'web') {
    const none = { recordsPerSec: null, baselineRecordsPerSec: null, ratio: null, p50Ms: null, p99Ms: null, peakRssMb: null, cpuSeconds: null };
    return { name: result.name, ...none, openMs: result.openMs, panFps: result.panFps, initialJsGzipKb: result.initialJsGzipKb };
  }
  const { duto, baseline } = result;
  return {
    name: result.name,
    recordsPerSec: Math.round(duto.recordsPerSec),
    baselineRecordsPerSec: Math.round(baseline.recordsPerSec),
    ratio: round(duto.recordsPerSec / baseline.recordsPerSec, 2),
    p50Ms: duto.latency ? round(duto.latency.p50Ms, 1) : null,
    p99Ms: duto.latency ? round(duto.latency.p99Ms, 1) : null,
    peakRssMb: round(duto.peakRssMb, 0),
    cpuSeconds: round(duto.cpuSeconds, 1),
  };
}

/** The pipeline results as a fixed-width table (Duto's runner beside its baseline process), then the web figures. */
export function formatTable(results: ScenarioResult[]): string {
  const header = ['scenario', 'records', 'rec/s', 'baseline', 'ratio', 'p50/p99/max ms', 'RSS MB', 'CPU s', 'base RSS', 'base CPU'];
  const rows = results.flatMap((result) => {
    if (result.kind === 'web') return [];
    const { duto, baseline } = result;
    const latency = duto.latency ? `${fixed(duto.latency.p50Ms)}/${fixed(duto.latency.p99Ms)}/${fixed(duto.latency.maxMs)}` : '';
    const baseLatency = baseline.latency ? ` (base ${fixed(baseline.latency.p50Ms)}/${fixed(baseline.latency.p99Ms)})` : '';
    return [
      [
        result.name,
        String(duto.records),
        String(Math.round(duto.recordsPerSec)),
        String(Math.round(baseline.recordsPerSec)),
        (duto.recordsPerSec / baseline.recordsPerSec).toFixed(2),
        latency + baseLatency,
        duto.peakRssMb.toFixed(0),
        duto.cpuSeconds.toFixed(1),
        baseline.peakRssMb.toFixed(0),
        baseline.cpuSeconds.toFixed(1),
      ],
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const web = results.flatMap((result) =>
    result.kind === 'web'
      ? [`${result.name}: opens a 300-stage pipeline in ${result.openMs} ms, pans at ${result.panFps} fps, initial JavaScript ${result.initialJsGzipKb} KB gzip`]
      : [],
  );
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...web].join('\n');
}

/** Each target of issue 9 with the figure that meets or misses it. */
export function formatTargets(results: ScenarioResult[]): string {
  const lines: string[] = [];
  const check = (ok: boolean, text: string) => lines.push(`${ok ? 'meets ' : 'MISSES'}  ${text}`);
  for (const result of results) {
    if (result.kind === 'web') {
      check(result.openMs < 1000, `${result.name}: opens in ${result.openMs} ms (< 1000)`);
      check(result.panFps >= 50, `${result.name}: pans at ${result.panFps} fps (>= 50)`);
      check(result.initialJsGzipKb < 400, `${result.name}: initial JavaScript ${result.initialJsGzipKb} KB gzip (< 400)`);
      continue;
    }
    const ratio = result.duto.recordsPerSec / result.baseline.recordsPerSec;
    check(ratio >= 0.8, `${result.name}: ${ratio.toFixed(2)}x its baseline (>= 0.8)`);
    check(result.duto.peakRssMb <= 300, `${result.name}: runner peak RSS ${result.duto.peakRssMb.toFixed(0)} MB (<= 300)`);
    if (result.duto.latency) check(result.duto.latency.p99Ms <= 50, `${result.name}: p99 ${fixed(result.duto.latency.p99Ms)} ms (<= 50)`);
    if (result.duto.rssStartMb !== undefined && result.duto.rssEndMb !== undefined) {
      lines.push(`        ${result.name}: runner resident ${result.duto.rssStartMb.toFixed(0)} MB after warm-up, ${result.duto.rssEndMb.toFixed(0)} MB at the end`);
    }
  }
  return lines.join('\n');
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const fixed = (n: number) => n.toFixed(1);
