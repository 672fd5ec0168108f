import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PipelineStartError } from '@duto/engine';
import { datalakeDestination, filesUnder, useTemporaryLakes, values } from './test-kit';

const lake = useTemporaryLakes();

describe('destination.datalake stays inside the lake root', () => {
  it.each([
    ['..', '../elsewhere', /must not leave the data lake root/],
    ['an absolute path', '/tmp/elsewhere', /must be relative to the data lake root/],
  ])('refuses %s at start', async (_, path, message) => {
    const start = datalakeDestination(lake(), { path });
    await expect(start).rejects.toThrow(PipelineStartError);
    await expect(start).rejects.toThrow(message);
  });

  it('refuses at start a path through a symbolic link that leads out of the lake', async () => {
    const dir = lake();
    const outside = lake();
    symlinkSync(outside, `${dir}/escape`);
    const start = datalakeDestination(dir, { path: 'escape/out' });
    await expect(start).rejects.toThrow(PipelineStartError);
    await expect(start).rejects.toThrow(/outside the data lake root through a symbolic link/);
  });

  it('refuses the records of a partition folder that is a symbolic link out of the lake, and writes the others', async () => {
    const dir = lake();
    const outside = lake();
    mkdirSync(`${dir}/data`);
    symlinkSync(outside, `${dir}/data/p=evil`);
    const destination = await datalakeDestination(dir, { path: 'data', partitionBy: 'p={field:p}' });
    const refused = (await destination.write(values({ p: 'evil', n: 1 }, { p: 'good', n: 2 }, { p: 'evil', n: 3 }))) ?? [];
    await destination.close!();
    expect(refused.map((f) => f.record.value.n)).toEqual([1, 3]);
    expect(refused[0]!.reason).toMatch(/symbolic link/);
    expect(filesUnder(dir)).toEqual([expect.stringMatching(/^data\/p=good\/part-/)]);
    expect(readdirSync(outside)).toEqual([]);
  });
});
