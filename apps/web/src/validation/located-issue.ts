import { parsePointer, pointer, type ApiProblem, type PipelineDocument } from '@duto/model';

/**
 * A validation problem placed in the designer: on a stage (and a field of its config)
 * or on the pipeline's own fields. Indexes in paths refer to the document that was
 * checked, so the stage is resolved at once, before the document changes again.
 */
export interface LocatedIssue {
  path: string;
  message: string;
  code?: string;
  stageId?: string;
  /** JSON Pointer inside the stage's config, when the problem is about one config field. */
  configPath?: string;
  /** JSON Pointer inside the document for problems about the pipeline's own fields. */
  pipelinePath?: string;
}

export function locateIssues(problems: readonly ApiProblem[], document: PipelineDocument): LocatedIssue[] {
  return problems.map((problem) => locateIssue(problem, document));
}

function locateIssue(problem: ApiProblem, document: PipelineDocument): LocatedIssue {
  const located: LocatedIssue = { path: problem.path, message: problem.message };
  if (problem.code !== undefined) located.code = problem.code;
  const [head, index, field, ...rest] = parsePointer(problem.path);
  if (head === 'stages' && index !== undefined && /^\d+$/.test(index)) {
    const stage = document.stages[Number(index)];
    located.stageId = problem.stageId ?? stage?.id;
    if (field === 'config') located.configPath = pointer(...rest);
  } else if (head === 'edges' && problem.stageId !== undefined) {
    located.stageId = problem.stageId;
  } else if (head !== 'stages' && head !== 'edges') {
    located.pipelinePath = problem.path;
    if (problem.stageId !== undefined) located.stageId = problem.stageId;
  } else if (problem.stageId !== undefined) {
    located.stageId = problem.stageId;
  }
  return located;
}

/** The issues of each stage, for badges and the stage's panel. */
export function issuesByStage(issues: readonly LocatedIssue[]): Map<string, LocatedIssue[]> {
  const byStage = new Map<string, LocatedIssue[]>();
  for (const issue of issues) {
    if (issue.stageId === undefined) continue;
    const list = byStage.get(issue.stageId) ?? [];
    list.push(issue);
    byStage.set(issue.stageId, list);
  }
  return byStage;
}
