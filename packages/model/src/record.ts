/**
 * What flows through a pipeline: the record's JSON value and string attributes that say
 * where it came from (`kafka.topic`, `mqtt.topic`, `cdc.op`, `file.path`, ...).
 */
export interface DutoRecord {
  value: Record<string, unknown>;
  attributes: Record<string, string>;
}

/** A record that a stage could not handle, with the reason; kept in the error store. */
export interface ErrorRecord {
  stageId: string;
  at: string;
  reason: string;
  record: DutoRecord;
}
