import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { substituteParameters, type DutoRecord, type PipelineSettings, type StageDefinition, type StageNode } from '@duto/model';

/**
 * The contract between the engine and a stage's runtime.
 *
 * At-least-once rests on one rule: an origin commits its position (Kafka offset, sequence
 * number, LSN, file position) only after the promise returned by `emit` has resolved, and
 * `emit` resolves only once every destination reached by the batch has durably written it
 * and its error records are stored. If anything fails, `emit` rejects, nothing is
 * committed, and the batch is read again after the restart.
 */

/** A record a stage could not handle, before it gets its stage id and time. */
export interface RecordFailure {
  record: DutoRecord;
  reason: string;
}

export interface OriginBatch {
  records: DutoRecord[];
  /** Records the origin itself could not read (e.g. a payload that is not JSON). */
  failures?: RecordFailure[];
}

/**
 * Hands a batch on. An origin may emit the next batch before the previous emit resolved
 * (`EMITS_IN_FLIGHT` at most), so that reading and decoding overlap the writes: batches go
 * through the processors one at a time in the order emitted and reach each destination in
 * that order. The origin still commits each batch's position only once its emit resolved,
 * in emit order.
 */
export type Emit = (batch: OriginBatch) => Promise<void>;

/** Batches an origin may have emitted and not yet seen resolve. */
export const EMITS_IN_FLIGHT = 2;

export interface OriginRuntime {
  /**
   * Reads until `context.signal` aborts, then returns after its last emit settled. Calls
   * `ready` once it is in place to miss nothing from now on (subscribed, slot created,
   * position fixed): the pipeline is reported RUNNING only when every origin is ready.
   */
  run(emit: Emit, ready: () => void): Promise<void>;
  close?(): Promise<void>;
}

export interface ProcessorOutput {
  record: DutoRecord;
  /** The named output, for stages with lanes. */
  lane?: string;
}

export interface ProcessorResult {
  outputs: ProcessorOutput[];
  failures: RecordFailure[];
}

export interface ProcessorRuntime {
  process(records: DutoRecord[]): Promise<ProcessorResult>;
  /**
   * Called on a timer and once more at stop (`final`): records the stage releases by
   * time, e.g. the result of a window that closed.
   */
  flush?(nowMs: number, final: boolean): ProcessorOutput[];
  close?(): Promise<void>;
}

export interface DestinationRuntime {
  /**
   * Resolves once the records are durable where they went, with the records it refused
   * one by one (e.g. a key expression that failed); rejects to fail the whole batch.
   */
  write(records: DutoRecord[]): Promise<RecordFailure[] | void>;
  /**
   * The destination takes a write before the previous one resolved, makes writes durable
   * in the order they were called, and fails every write after one that failed (so that a
   * batch is never written ahead of an earlier one that failed). Without it the engine
   * calls `write` only once the previous call resolved.
   */
  overlappingWrites?: boolean;
  close?(): Promise<void>;
}

export interface OffsetStore {
  /** The position committed last, or undefined on a first run. */
  read(): Promise<string | undefined>;
  commit(offset: string): Promise<void>;
}

export interface StageLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** Services of the host that a stage may use. */
export interface StageServices {
  kafkaBrokers: string[];
  lakeDir: string;
}

/**
 * `preview` reads a sample for the designer and must leave no trace: an origin commits
 * nothing, moves no file, and uses throwaway sessions, groups and slots that it removes.
 */
export type StageMode = 'run' | 'preview';

export interface StageContext {
  pipelineId: string;
  stageId: string;
  mode: StageMode;
  settings: Required<PipelineSettings>;
  /** Aborted when the pipeline stops. */
  signal: AbortSignal;
  logger: StageLogger;
  /** This stage's committed position (origins). */
  offsets: OffsetStore;
  services: StageServices;
  /** Consumer lag of one topic partition, for the dashboard (Kafka origins). */
  reportLag(topic: string, partition: number, lag: number): void;
}

export type StageRuntime =
  | { kind: 'origin'; runtime: OriginRuntime }
  | { kind: 'processor'; runtime: ProcessorRuntime }
  | { kind: 'destination'; runtime: DestinationRuntime };

/** A network service a stage talks to, and the config field that names it. */
export interface ServiceEndpoint {
  /** JSON Pointer into the stage's config; empty when the service comes from the host. */
  path: string;
  host: string;
  port: number;
}

/** A stage's runtime, bound to its browser-safe definition so that its config is typed. */
export interface StageImplementation<S extends TSchema = TSchema> {
  definition: StageDefinition<S>;
  /** Receives the config with parameters substituted and schema defaults applied. */
  create(config: Static<S>, context: StageContext): Promise<StageRuntime> | StageRuntime;
  /** The services the stage needs, so that validation can say which one cannot be reached. */
  endpoints?(config: Static<S>, services: StageServices): ServiceEndpoint[];
  retained?: RetainedState<S>;
}

/** The stage whose retained state is described or released. */
export type StageIdentity = Pick<StageContext, 'pipelineId' | 'stageId'>;

/**
 * What a stage keeps on a service between runs so that the next run resumes where the
 * last stopped (a replication slot, a persistent MQTT session). It outlives the pipeline
 * unless released; it is kept by default because a pipeline deleted and imported again
 * resumes from it.
 */
export interface RetainedState<S extends TSchema = TSchema> {
  /** What is kept, for people (e.g. `replication slot "shop" on 127.0.0.1:5432`); undefined when nothing is. */
  describe(config: Static<S>, stage: StageIdentity): string | undefined;
  /** Gives it back; succeeds when it is gone already. */
  release(config: Static<S>, stage: StageIdentity): Promise<void>;
}

export function implementStage<S extends TSchema>(
  definition: StageDefinition<S>,
  create: StageImplementation<S>['create'],
  services: Pick<StageImplementation<S>, 'endpoints' | 'retained'> = {},
): StageImplementation<S> {
  return { definition, create, ...services };
}

export interface StageImplementations {
  get(type: string): StageImplementation | undefined;
}

/** A stage's config as `create` receives it: parameters substituted, schema defaults applied. */
export function stageConfig(implementation: StageImplementation, stage: StageNode, parameters: Readonly<Record<string, string>>): unknown {
  return Value.Default(implementation.definition.configSchema, substituteParameters(structuredClone(stage.config), parameters));
}
