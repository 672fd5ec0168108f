import { Value } from 'typebox/value';
import type { DutoRecord } from '@duto/model';
import type { StageImplementation } from '@duto/engine';
import { implementationsOf } from '@duto/stages/impl';
import { testContext } from '@duto/stages/testing';

/**
 * Lake files written the way pipelines write them: by the data-lake destination itself,
 * which rolls its files into place when closed.
 */
export async function writeWithDestination(lakeDir: string, config: Record<string, unknown>, values: Array<Record<string, unknown>>): Promise<void> {
  const implementation = implementationsOf().get('destination.datalake') as StageImplementation;
  const stage = await implementation.create(
    Value.Default(implementation.definition.configSchema, structuredClone(config)) as never,
    testContext({ services: { kafkaBrokers: [], lakeDir } }),
  );
  if (stage.kind !== 'destination') throw new Error('not a destination');
  await stage.runtime.write(values.map((value): DutoRecord => ({ value: value as DutoRecord['value'], attributes: {} })));
  await stage.runtime.close?.();
}
