import type { DutoRecord } from '@duto/model';

/** An error record sent back into its pipeline: the stage where it failed and the record as that stage got it. */
export interface ReprocessEntry {
  stageId: string;
  record: DutoRecord;
}

/** Re-processing was refused: nothing of it was run. */
export class ReprocessError extends Error {}

/** The entries grouped by stage (in the order the stages first appear), in batches of at most `batchSize`. */
export function batchesByStage(entries: ReprocessEntry[], batchSize: number): Array<{ stageId: string; records: DutoRecord[] }> {
  const byStage = new Map<string, DutoRecord[]>();
  for (const { stageId, record } of entries) {
    const records = byStage.get(stageId);
    if (records) records.push(record);
    else byStage.set(stageId, [record]);
  }
  return [...byStage].flatMap(([stageId, records]) => {
    const batches = [];
    for (let from = 0; from < records.length; from += batchSize) batches.push({ stageId, records: records.slice(from, from + batchSize) });
    return batches;
  });
}
