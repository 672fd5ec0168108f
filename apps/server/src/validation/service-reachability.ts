import { IssueCodes, joinPointer, pointer, type Issue, type PipelineDocument } from '@duto/model';
import { stageConfig, type StageImplementations, type StageServices } from '@duto/engine';
import { portAnswers } from '@duto/kafka';

/**
 * Whether the services each stage names answer (a TCP connection within the timeout), as
 * issues at the config field that names the service. Run on an otherwise valid document.
 */
export async function serviceIssues(
  document: PipelineDocument,
  implementations: StageImplementations,
  services: StageServices,
  timeoutMs = 2000,
): Promise<Issue[]> {
  const checks = document.stages.flatMap((stage, index) => {
    const implementation = implementations.get(stage.type);
    if (!implementation?.endpoints) return [];
    const config = stageConfig(implementation, stage, document.parameters ?? {});
    return implementation.endpoints(config as never, services).map(async (endpoint): Promise<Issue | undefined> => {
      if (await portAnswers(endpoint.port, endpoint.host, timeoutMs)) return undefined;
      const base = pointer('stages', index);
      return {
        path: endpoint.path ? joinPointer(joinPointer(base, '/config'), endpoint.path) : base,
        message: `cannot reach ${endpoint.host}:${endpoint.port}${endpoint.path ? '' : ' (the Kafka brokers of this Duto)'}; is the service up?`,
        code: IssueCodes.unreachableService,
        stageId: stage.id,
      };
    });
  });
  return (await Promise.all(checks)).filter((issue): issue is Issue => issue !== undefined);
}
