import { getPath, implementStage, perRecord } from '@duto/engine';
import { parseRecordTime } from '../common/record-time';
import { processorAggregate } from './meta';
import { TumblingWindows, type Aggregation } from './windows';

/**
 * Input records are absorbed (and their batch acknowledged) as they enter a window; the
 * window's result goes downstream when it closes. Windows open at a crash are lost with
 * the runner; those open at a stop are emitted early.
 */
export const processorAggregateImpl = implementStage(processorAggregate, (config) => {
  const windows = new TumblingWindows(config.windowMs, config.groupBy, config.aggregations as Aggregation[]);
  const eventTime = config.timeField !== undefined;
  const absorb = perRecord(({ value }) => {
    const at = eventTime ? parseRecordTime(getPath(value, config.timeField!)) : Date.now();
    if (at === undefined) throw new Error(`field ${config.timeField} is not a time (epoch ms or ISO-8601)`);
    windows.add(value, at);
    return null;
  });
  return {
    kind: 'processor',
    runtime: {
      process: (records) => absorb.process(records),
      flush: (now, final) => windows.close(now, eventTime, final).map((value) => ({ record: { value, attributes: {} } })),
    },
  };
});
