import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { fixtureCatalog } from '../test-support/catalog-fixture';
import { issuesByStage, locateIssues } from './located-issue';

const document: PipelineDocument = {
  format: 'duto.pipeline/v1',
  name: 'located',
  parameters: { TOPIC: 'readings' },
  stages: [
    { id: 'gen', type: 'origin.generator', config: { recordsPerSecond: -1 } },
    { id: 'route', type: 'processor.router', config: { routes: [{ lane: 'Bad Lane', condition: 'x >' }] } },
    { id: 'sink', type: 'destination.kafka', config: { topic: '${UNDECLARED}' } },
  ],
  edges: [
    { from: 'gen', to: 'route' },
    { from: 'route', to: 'sink' },
  ],
};

describe('validation problems placed in the designer', () => {
  it('puts each problem of the browser validator on its stage and config field', () => {
    const result = fixtureCatalog.validate(document);
    expect(result.valid).toBe(false);
    const issues = locateIssues(result.issues, document);
    const at = (stageId: string, configPath: string) => issues.find((i) => i.stageId === stageId && i.configPath === configPath);
    expect(at('gen', '/recordsPerSecond')?.message).toMatch(/must be > 0/);
    expect(at('route', '/routes/0/lane')?.message).toMatch(/pattern/);
    expect(at('route', '/routes/0/condition')?.message).toMatch(/invalid JSONata expression/);
    expect(at('route', '/defaultLane')?.message).toBe('is required');
    expect(at('sink', '/topic')?.message).toMatch(/parameter \$\{UNDECLARED\}/);
    const byStage = issuesByStage(issues);
    expect([...byStage.keys()].sort()).toEqual(['gen', 'route', 'sink']);
  });

  it('places the server’s problems by their paths: graph problems on the stage, the rest on the pipeline', () => {
    const issues = locateIssues(
      [
        { path: '/edges/1/lane', message: 'say which lane', stageId: 'route' },
        { path: '/name', message: 'must NOT have fewer than 1 characters' },
        { path: '/stages/2/config/topic', message: 'bad topic' },
      ],
      document,
    );
    expect(issues[0]).toMatchObject({ stageId: 'route' });
    expect(issues[0]!.configPath).toBeUndefined();
    expect(issues[1]).toMatchObject({ pipelinePath: '/name' });
    expect(issues[1]!.stageId).toBeUndefined();
    expect(issues[2]).toMatchObject({ stageId: 'sink', configPath: '/topic' });
  });
});
