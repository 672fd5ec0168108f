import { describe, expect, it } from 'vitest';
import { folderSafe, NULL_PARTITION, PartitionFolders } from './partition-folder';
import { datalakeDestination, filesUnder, readJsonl, useTemporaryLakes, values } from './test-kit';

const lake = useTemporaryLakes();

describe('destination.datalake partition folders', () => {
  it('gives each record the folder of its own time when a stream crosses hours, days, months and years', () => {
    const folders = new PartitionFolders('lake', 'dt={yyyy}-{MM}-{dd}/hour={HH}', 'ts');
    const folder = (ts: string) => folders.folderOf({ ts }, 0);
    expect(
      ['2025-12-31T23:00:00Z', '2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00Z', '2025-12-31T23:30:00Z', '2026-01-31T23:10:00Z', '2026-02-01T00:10:00Z'].map(folder),
    ).toEqual([
      'lake/dt=2025-12-31/hour=23',
      'lake/dt=2025-12-31/hour=23',
      'lake/dt=2026-01-01/hour=00',
      'lake/dt=2025-12-31/hour=23',
      'lake/dt=2026-01-31/hour=23',
      'lake/dt=2026-02-01/hour=00',
    ]);
    const byField = new PartitionFolders('lake', 'hour={HH}/sensor={field:s}', 'ts');
    expect(byField.folderOf({ ts: '2026-01-01T01:00:00Z', s: 'a' }, 0)).toBe('lake/hour=01/sensor=a');
    expect(byField.folderOf({ ts: '2026-01-01T01:00:01Z', s: 'b' }, 0)).toBe('lake/hour=01/sensor=b');
  });

  it('fills the time placeholders from timeField (epoch ms or ISO-8601, in UTC) and {field:} from a nested field', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, {
      path: 'iot/readings',
      partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}/minute={mm}/sensor={field:meta.sensor}',
      timeField: 'ts',
    });
    const refused = await destination.write(
      values(
        { ts: Date.UTC(2026, 0, 2, 3, 4, 5), meta: { sensor: 'boiler-1' }, n: 1 },
        { ts: '2026-01-02T05:59:59+02:00', meta: { sensor: 'boiler-1' }, n: 2 },
        { ts: '2025-12-31T23:59:00Z', meta: { sensor: 'a/b c' }, n: 3 },
        { ts: '2025-12-31T23:59:00Z', meta: { sensor: '..' }, n: 4 },
        { ts: '2025-12-31T23:59:00Z', meta: { sensor: '' }, n: 5 },
        { ts: '2025-12-31T23:59:00Z', meta: {}, n: 6 },
        { ts: '2025-12-31T23:59:00Z', meta: { sensor: 42 }, n: 7 },
      ),
    );
    expect(refused).toEqual([]);
    await destination.close!();

    const files = filesUnder(dir);
    const folders = files.map((file) => file.slice(0, file.lastIndexOf('/')));
    expect(folders).toEqual([
      'iot/readings/dt=2025-12-31/hour=23/minute=59/sensor=42',
      'iot/readings/dt=2025-12-31/hour=23/minute=59/sensor=_.',
      `iot/readings/dt=2025-12-31/hour=23/minute=59/sensor=${NULL_PARTITION}`,
      'iot/readings/dt=2025-12-31/hour=23/minute=59/sensor=a_b_c',
      'iot/readings/dt=2026-01-02/hour=03/minute=04/sensor=boiler-1',
      'iot/readings/dt=2026-01-02/hour=03/minute=59/sensor=boiler-1',
    ]);
    expect(readJsonl(`${dir}/${files[2]}`).map((v) => v.n)).toEqual([5, 6]);
    expect(readJsonl(`${dir}/${files[5]}`)).toEqual([{ ts: '2026-01-02T05:59:59+02:00', meta: { sensor: 'boiler-1' }, n: 2 }]);
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
  });

  it('uses the processing time when no timeField is set', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'events', partitionBy: 'dt={yyyy}-{MM}-{dd}' });
    const before = new Date().toISOString().slice(0, 10);
    await destination.write(values({ n: 1 }));
    const after = new Date().toISOString().slice(0, 10);
    await destination.close!();
    const [file] = filesUnder(dir);
    expect([`events/dt=${before}`, `events/dt=${after}`]).toContain(file!.slice(0, file!.lastIndexOf('/')));
  });

  it('refuses, one by one, records whose time is missing or unreadable, and writes the rest', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'events', partitionBy: 'y={yyyy}', timeField: 'at' });
    const batch = values({ at: '2024-05-01T00:00:00Z', n: 1 }, { n: 2 }, { at: 'yesterday', n: 3 }, { at: 8.64e15 + 1, n: 4 });
    const refused = (await destination.write(batch)) ?? [];
    await destination.close!();
    expect(refused.map((f) => f.record.value.n)).toEqual([2, 3, 4]);
    expect(refused[0]!.reason).toMatch(/timeField "at" is missing or not a time/);
    expect(filesUnder(dir).map((f) => f.split('/').slice(0, 2).join('/'))).toEqual(['events/y=2024']);
  });

  it('writes straight into path without a partition template', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'flat/out' });
    await destination.write(values({ n: 1 }, { n: 2 }));
    await destination.close!();
    const files = filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^flat\/out\/part-\d{17}-test-stage-[0-9a-f]{8}-000000\.jsonl$/);
  });
});

describe('folderSafe', () => {
  it('keeps [A-Za-z0-9._=-], replaces the rest, never yields a hidden name or ..', () => {
    expect(folderSafe('Zürich/Nord 1')).toBe('Z_rich_Nord_1');
    expect(folderSafe('k=v.2-x_y')).toBe('k=v.2-x_y');
    expect(folderSafe('..')).toBe('_.');
    expect(folderSafe('.hidden')).toBe('_hidden');
    expect(folderSafe(null)).toBe(NULL_PARTITION);
    expect(folderSafe(undefined)).toBe(NULL_PARTITION);
    expect(folderSafe('')).toBe(NULL_PARTITION);
    expect(folderSafe(true)).toBe('true');
    expect(folderSafe({ a: 1 })).toBe('__a__1_');
    expect(folderSafe('x'.repeat(500))).toHaveLength(200);
  });
});
