import { randomBytes } from 'node:crypto';

export type OutputFormat = 'jsonl' | 'csv' | 'parquet';

const SPOOL_PREFIX = '.inprogress';
const TEMP_PREFIX = '.writing';
const IDENTITY = /^(\d{17})-([0-9a-f]{8})-(\d{6,})$/;

/**
 * The names of one stage's files. A file's identity (opening time, run, sequence) is
 * chosen when its spool opens and carried into its temporary and final names, so that
 * finishing the same spool twice (after a crash between rename and cleanup) overwrites the
 * same final file instead of duplicating it. `.` separates the parts of hidden names
 * because neither a pipeline id nor a stage id contains one, so a stage never mistakes
 * another stage's files for its own.
 *
 *   spool  .inprogress.<pipeline>.<stage>.<yyyyMMddHHmmssSSS>-<run>-<seq>.jsonl
 *   temp   .writing.<pipeline>.<stage>.<yyyyMMddHHmmssSSS>-<run>-<seq>.<ext>
 *   final  part-<yyyyMMddHHmmssSSS>-<pipeline>-<stage>-<run>-<seq>.<ext>
 */
export class FileNames {
  private readonly pipeline: string;
  private readonly stage: string;
  /** Tells this run's files from a crashed run's files opened in the same millisecond. */
  private readonly run = randomBytes(4).toString('hex');
  private sequence = 0;

  constructor(pipelineId: string, stageId: string) {
    this.pipeline = nameSafe(pipelineId);
    this.stage = nameSafe(stageId);
  }

  nextSpool(nowMs: number): string {
    const identity = `${timestamp(nowMs)}-${this.run}-${String(this.sequence++).padStart(6, '0')}`;
    return `${this.hiddenPrefix(SPOOL_PREFIX)}${identity}.jsonl`;
  }

  isOwnSpool(name: string): boolean {
    return this.identityOf(name, SPOOL_PREFIX, 'jsonl') !== undefined;
  }

  isOwnTemp(name: string): boolean {
    return name.startsWith(this.hiddenPrefix(TEMP_PREFIX));
  }

  tempOf(spoolName: string, format: OutputFormat): string {
    return `${this.hiddenPrefix(TEMP_PREFIX)}${this.spoolIdentity(spoolName)}.${format}`;
  }

  finalOf(spoolName: string, format: OutputFormat): string {
    const [, stamp, run, seq] = IDENTITY.exec(this.spoolIdentity(spoolName))!;
    return `part-${stamp}-${this.pipeline}-${this.stage}-${run}-${seq}.${format}`;
  }

  private spoolIdentity(spoolName: string): string {
    const identity = this.identityOf(spoolName, SPOOL_PREFIX, 'jsonl');
    if (identity === undefined) throw new Error(`"${spoolName}" is not a spool file of this stage`);
    return identity;
  }

  private identityOf(name: string, prefix: string, extension: string): string | undefined {
    const own = this.hiddenPrefix(prefix);
    const suffix = `.${extension}`;
    if (!name.startsWith(own) || !name.endsWith(suffix)) return undefined;
    const identity = name.slice(own.length, -suffix.length);
    return IDENTITY.test(identity) ? identity : undefined;
  }

  private hiddenPrefix(prefix: string): string {
    return `${prefix}.${this.pipeline}.${this.stage}.`;
  }
}

function nameSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** yyyyMMddHHmmssSSS in UTC: sorts by time as text. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\D/g, '').slice(0, 17);
}
