import { implementStage } from '@duto/engine';
import { abortableSleep } from '../common/sleep';
import { originDevGenerator } from './meta';
import { iotReading, sequenceRecord } from './readings';

/**
 * The committed offset is the next `seq` to make: a restart resumes the sequence. A
 * preview shows the next records at once, without keeping to the rate.
 */
export const originDevGeneratorImpl = implementStage(originDevGenerator, (config, context) => {
  const { signal, settings, offsets } = context;
  const paced = context.mode === 'run';
  const make = (seq: number, now: number) =>
    config.template === 'sequence' ? sequenceRecord(seq, now) : iotReading(seq, config.sensors!, config.malformedRatio!, now);
  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        ready();
        let seq = Number((await offsets.read()) ?? 0);
        const started = Date.now();
        const firstSeq = seq;
        const rate = config.recordsPerSecond!;
        while (!signal.aborted && (config.count === undefined || seq < config.count)) {
          const now = Date.now();
          const due = paced ? Math.floor(((now - started) / 1000) * rate) + 1 - (seq - firstSeq) : settings.batchSize;
          if (due <= 0) {
            await abortableSleep(Math.min(settings.batchWaitMs || 1, Math.ceil(1000 / rate)), signal);
            continue;
          }
          const n = Math.min(due, settings.batchSize, config.count === undefined ? Infinity : config.count - seq);
          const records = Array.from({ length: n }, (_, i) => make(seq + i, now));
          await emit({ records });
          seq += n;
          await offsets.commit(String(seq));
        }
      },
    },
  };
});
