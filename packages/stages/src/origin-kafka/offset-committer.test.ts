import { describe, expect, it } from 'vitest';
import { OffsetCommitter, type PartitionOffset } from './offset-committer';

function committerWith(commit: (offsets: PartitionOffset[]) => Promise<void>) {
  const warnings: string[] = [];
  const logger = { info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
  return { committer: new OffsetCommitter(commit, logger), warnings };
}

const at = (partition: number, offset: number): PartitionOffset => ({ topic: 't', partition, offset: String(offset) });

describe('OffsetCommitter', () => {
  it('commits one at a time, merging what was marked meanwhile into the next, latest offset per partition', async () => {
    const commits: PartitionOffset[][] = [];
    let release!: () => void;
    const { committer } = committerWith(async (offsets) => {
      commits.push(offsets);
      if (commits.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    committer.mark(at(0, 10));
    committer.mark(at(0, 20));
    committer.mark(at(1, 5));
    committer.mark(at(0, 30));
    expect(commits).toEqual([[at(0, 10)]]);
    release();
    await committer.flush();
    expect(commits).toEqual([[at(0, 10)], [at(0, 30), at(1, 5)]]);
  });

  it('says when a commit failed and goes on committing', async () => {
    let calls = 0;
    const committed: PartitionOffset[][] = [];
    const { committer, warnings } = committerWith(async (offsets) => {
      if (calls++ === 0) throw new Error('The group is rebalancing');
      committed.push(offsets);
    });
    committer.mark(at(0, 1));
    await committer.flush();
    committer.mark(at(0, 2));
    await committer.flush();
    expect(warnings).toHaveLength(1);
    expect(committed).toEqual([[at(0, 2)]]);
  });
});
