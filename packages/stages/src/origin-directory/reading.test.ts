import { appendFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PipelineStartError } from '@duto/engine';
import { drop, eventually, jsonLines, sleep, startDirectoryOrigin, useFixtures } from './test-kit';

const { lake, started } = useFixtures();

const numbered = (file: string, count: number) => Array.from({ length: count }, (_, i) => ({ file, n: i }));

describe('origin.directory reading', () => {
  it('reads files dropped while it runs exactly once, in batches of at most batchSize, with file.path and file.line', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines(numbered('a', 25)));
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, { batchSize: 10 }));
    await eventually(() => origin.records().length, (n) => n === 25);
    drop(`${dir}/in/b.jsonl`, jsonLines(numbered('b', 7)));
    drop(`${dir}/in/c.jsonl`, jsonLines(numbered('c', 3)));
    await eventually(() => origin.records().length, (n) => n === 35);
    await sleep(400);
    await origin.stop();

    const records = origin.records();
    expect(records.map((r) => `${r.value.file}${r.value.n}`)).toEqual([
      ...numbered('a', 25).map((v) => `a${v.n}`),
      ...numbered('b', 7).map((v) => `b${v.n}`),
      ...numbered('c', 3).map((v) => `c${v.n}`),
    ]);
    expect(origin.batches.map((b) => b.records.length)).toEqual([10, 10, 5, 7, 3]);
    expect(records[12]!.attributes).toEqual({ 'file.path': 'in/a.jsonl', 'file.line': '13' });
    expect(records[26]!.attributes).toEqual({ 'file.path': 'in/b.jsonl', 'file.line': '2' });
    expect(JSON.parse(origin.committed.at(-1)!)).toEqual({ finished: ['a.jsonl', 'b.jsonl', 'c.jsonl'] });
  });

  it('commits each position only after its emit resolved', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines(numbered('a', 30)));
    const events: string[] = [];
    let committedBeforeEmit = 0;
    const origin = await started(
      startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, {
        batchSize: 10,
        onEmit: async () => {
          committedBeforeEmit = origin.committed.length;
          events.push('emit');
          await sleep(30);
          expect(origin.committed.length).toBe(committedBeforeEmit);
          events.push('emitted');
        },
      }),
    );
    await eventually(() => origin.committed.at(-1), (last) => last !== undefined && JSON.parse(last).reading === undefined);
    await origin.stop();
    expect(events).toEqual(['emit', 'emitted', 'emit', 'emitted', 'emit', 'emitted']);
    const bytesOf = (lines: number) => jsonLines(numbered('a', 30).slice(0, lines)).length;
    expect(origin.committed.map((c) => JSON.parse(c))).toEqual([
      { finished: [], reading: { name: 'a.jsonl', position: { line: 10, byte: bytesOf(10) } } },
      { finished: [], reading: { name: 'a.jsonl', position: { line: 20, byte: bytesOf(20) } } },
      { finished: [], reading: { name: 'a.jsonl', position: { line: 30, byte: bytesOf(30) } } },
      { finished: ['a.jsonl'] },
    ]);
  });

  it('sends a malformed line to failures with its raw text, file and line, and goes on', async () => {
    const dir = lake();
    drop(`${dir}/in/mixed.jsonl`, '{"n":1}\n{"n":2,\n\n[1,2]\n{"n":3}\n');
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }));
    await eventually(() => origin.committed.length, (n) => n >= 1);
    await origin.stop();
    expect(origin.records().map((r) => [r.value.n, r.attributes['file.line']])).toEqual([
      [1, '1'],
      [3, '5'],
    ]);
    expect(origin.failures()).toEqual([
      { record: { value: { raw: '{"n":2,' }, attributes: { 'file.path': 'in/mixed.jsonl', 'file.line': '2' } }, reason: expect.stringMatching(/^not valid JSON/) },
      { record: { value: { raw: '[1,2]' }, attributes: { 'file.path': 'in/mixed.jsonl', 'file.line': '4' } }, reason: 'not a JSON object' },
    ]);
  });

  it('reads CSV with a header line, values as strings, quoted commas and line breaks, and fails bad records alone', async () => {
    const dir = lake();
    const csv = ['id,name,note', '1,boiler,"hot, very"', '2,"pump ""east""","two', 'lines"', '3,only-two', '4,x,"y"z', '', '5,last,ok'].join('\r\n');
    drop(`${dir}/in/readings.csv`, `\uFEFF${csv}\r\n6,"open`);
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', format: 'csv', pollIntervalMs: 100 }));
    await eventually(() => origin.committed.length, (n) => n >= 1);
    await origin.stop();
    expect(origin.records().map((r) => [r.value, r.attributes['file.line']])).toEqual([
      [{ id: '1', name: 'boiler', note: 'hot, very' }, '2'],
      [{ id: '2', name: 'pump "east"', note: 'two\nlines' }, '3'],
      [{ id: '5', name: 'last', note: 'ok' }, '8'],
    ]);
    expect(origin.failures().map((f) => [f.record.attributes['file.line'], f.record.value.raw, f.reason])).toEqual([
      ['5', '3,only-two', 'has 2 values, the header has 3'],
      ['6', '4,x,"y"z', expect.stringMatching(/unexpected "z" after a closing quote/)],
      ['9', '6,"open', 'a quoted value is not closed before the end of the file'],
    ]);
  });

  it('reads a JSON array of objects; an element that is not an object fails with its index + 1 as line', async () => {
    const dir = lake();
    drop(`${dir}/in/a.json`, JSON.stringify([{ n: 1 }, 'oops', { n: 3 }]));
    drop(`${dir}/in/b.json`, '{"not": "an array"}');
    drop(`${dir}/in/c.json`, '[{"n": 1},');
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', format: 'json', pollIntervalMs: 100 }));
    await eventually(() => origin.committed.length, (n) => n >= 3);
    await origin.stop();
    expect(origin.records().map((r) => [r.value.n, r.attributes])).toEqual([
      [1, { 'file.path': 'in/a.json', 'file.line': '1' }],
      [3, { 'file.path': 'in/a.json', 'file.line': '3' }],
    ]);
    expect(origin.failures().map((f) => [f.record.attributes, f.record.value.raw, f.reason])).toEqual([
      [{ 'file.path': 'in/a.json', 'file.line': '2' }, '"oops"', 'array element is not a JSON object'],
      [{ 'file.path': 'in/b.json' }, '{"not": "an array"}', 'not a JSON array of objects'],
      [{ 'file.path': 'in/c.json' }, '[{"n": 1},', expect.stringMatching(/^not valid JSON/)],
    ]);
  });

  it('reads only files matching the pattern, never hidden files or symbolic links', async () => {
    const dir = lake();
    const outside = lake();
    writeFileSync(`${outside}/secret.jsonl`, jsonLines([{ secret: true }]));
    drop(`${dir}/in/yes.jsonl`, jsonLines([{ n: 1 }]));
    drop(`${dir}/in/no.txt`, jsonLines([{ n: 2 }]));
    drop(`${dir}/in/.hidden.jsonl`, jsonLines([{ n: 3 }]));
    symlinkSync(`${outside}/secret.jsonl`, `${dir}/in/link.jsonl`);
    mkdirSync(`${dir}/in/sub.jsonl`);
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', pattern: '*.jsonl', pollIntervalMs: 100 }));
    await eventually(() => origin.committed.length, (n) => n >= 1);
    await sleep(300);
    await origin.stop();
    expect(origin.records().map((r) => r.value)).toEqual([{ n: 1 }]);
  });

  it('waits for a file that is still being written until it has not changed for a poll interval', async () => {
    const dir = lake();
    mkdirSync(`${dir}/in`);
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 300 }));
    const path = `${dir}/in/growing.jsonl`;
    for (let n = 0; n < 12; n++) {
      appendFileSync(path, jsonLines([{ n }]));
      await sleep(100);
    }
    expect(origin.records()).toEqual([]);
    await eventually(() => origin.records().length, (n) => n > 0, 3000);
    await sleep(700);
    await origin.stop();
    expect(origin.records().map((r) => r.value.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('stops promptly when the pipeline stops, even in a long poll interval', async () => {
    const dir = lake();
    const origin = await startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 3_600_000 });
    await sleep(100);
    const asked = Date.now();
    await origin.stop();
    expect(Date.now() - asked).toBeLessThan(200);
  });

  it.each([
    ['..', { path: '../elsewhere' }, /must not leave the data lake root/],
    ['an absolute path', { path: '/tmp' }, /must be relative/],
    ['an archive path with ..', { path: 'in', afterRead: 'archive' as const, archivePath: 'x/../../y' }, /must not leave/],
  ])('refuses %s at start', async (_, config, message) => {
    const start = startDirectoryOrigin(lake(), config);
    await expect(start).rejects.toThrow(PipelineStartError);
    await expect(start).rejects.toThrow(message);
  });

  it('refuses at start a folder reached through a symbolic link that leads out of the lake', async () => {
    const dir = lake();
    symlinkSync(lake(), `${dir}/escape`);
    await expect(startDirectoryOrigin(dir, { path: 'escape' })).rejects.toThrow(/outside the data lake root through a symbolic link/);
  });
});
