import { randomUUID } from 'node:crypto';
import type { ScenarioResult } from './report';
import type { BenchContext } from './scenarios/context';
import { kafkaExpressionKafka } from './scenarios/kafka-expression-kafka';
import { kafkaDatalake } from './scenarios/kafka-datalake';
import { latencyMqttKafka } from './scenarios/latency-mqtt-kafka';
import { mqttKafka } from './scenarios/mqtt-kafka';
import { postgresCdcKafka } from './scenarios/postgres-cdc-kafka';
import { webDesigner } from './web/web-designer';

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export const SCENARIOS: Scenario[] = [
  { name: 'kafka-expression-kafka', run: kafkaExpressionKafka },
  { name: 'mqtt-kafka', run: mqttKafka },
  { name: 'kafka-datalake-parquet', run: kafkaDatalake },
  { name: 'postgres-cdc-kafka', run: postgresCdcKafka },
  { name: 'latency-mqtt-kafka', run: latencyMqttKafka },
  { name: 'web-designer', run: webDesigner },
];

export interface BenchOptions extends Omit<BenchContext, 'runId'> {
  /** Names of the scenarios to run; all when empty. */
  only: string[];
}

export interface BenchOutcome {
  results: ScenarioResult[];
  /** Scenarios that failed, with the reason; the others still ran. */
  failures: Array<{ name: string; error: string }>;
}

/**
 * Runs the scenarios one after another, each with names of its own; each cleans up what
 * it created, even when it fails, and a failure does not stop the next scenario.
 */
export async function runBench(options: BenchOptions): Promise<BenchOutcome> {
  const unknown = options.only.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; there are ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const chosen = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.name));
  const outcome: BenchOutcome = { results: [], failures: [] };
  for (const scenario of chosen) {
    const context: BenchContext = { ...options, runId: randomUUID().slice(0, 8) };
    try {
      outcome.results.push(await scenario.run(context));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log(`${scenario.name} failed: ${message}`);
      outcome.failures.push({ name: scenario.name, error: message });
    }
  }
  return outcome;
}
