import type { ValidateFunction } from 'ajv';
import { PIPELINE_FORMAT, PipelineDocument } from '../document';
import { IssueCodes, type Issue } from '../issues';
import { findParameterReferences, substituteParameters } from '../parameters';
import { joinPointer, pointer } from '../pointer';
import type { StageCatalog, StageDefinition } from '../stage-definition';
import { graphIssues } from './graph';
import { createAjv, schemaProblems } from './schema-errors';

export type ValidationResult =
  | { valid: true; issues: []; document: PipelineDocument }
  | { valid: false; issues: Issue[] };

export type PipelineValidator = (document: unknown) => ValidationResult;

/**
 * Builds the validator for one catalog. Schemas are compiled once, here or on the first
 * stage of a type, so validating a document costs only the walk over it.
 */
export function createPipelineValidator(catalog: StageCatalog): PipelineValidator {
  const ajv = createAjv();
  const checkDocument = ajv.compile(PipelineDocument);
  const configCheckers = new Map<string, ValidateFunction>();
  const configChecker = (definition: StageDefinition) => {
    let check = configCheckers.get(definition.type);
    if (!check) {
      check = ajv.compile(definition.configSchema);
      configCheckers.set(definition.type, check);
    }
    return check;
  };

  return (input) => {
    const formatIssue = formatProblem(input);
    if (formatIssue) return { valid: false, issues: [formatIssue] };
    if (!checkDocument(input)) {
      const issues = schemaProblems(checkDocument).map((p): Issue => ({
        path: p.path,
        message: p.message,
        code: p.message.startsWith('must NOT have more than') ? IssueCodes.tooLarge : IssueCodes.schema,
      }));
      return { valid: false, issues };
    }
    const document = input as PipelineDocument;
    const issues: Issue[] = [];
    const parameters = document.parameters ?? {};
    document.stages.forEach((stage, i) => {
      const definition = catalog.get(stage.type);
      if (!definition) {
        issues.push({
          path: pointer('stages', i, 'type'),
          message: `unknown stage type "${stage.type}"`,
          code: IssueCodes.unknownStageType,
          stageId: stage.id,
        });
        return;
      }
      issues.push(...stageConfigIssues(stage.id, i, stage.config, definition, parameters, configChecker(definition)));
    });
    issues.push(...graphIssues(document, catalog));
    return issues.length === 0 ? { valid: true, issues: [], document } : { valid: false, issues };
  };
}

function formatProblem(input: unknown): Issue | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { path: '', message: 'a pipeline document must be a JSON object', code: IssueCodes.format };
  }
  const format = (input as Record<string, unknown>).format;
  if (format === PIPELINE_FORMAT) return undefined;
  return {
    path: '/format',
    message:
      format === undefined
        ? `is required and must be "${PIPELINE_FORMAT}"`
        : `unsupported format ${JSON.stringify(format)}; this version reads "${PIPELINE_FORMAT}"`,
    code: IssueCodes.format,
  };
}

/**
 * A stage's config is checked as it will run: parameters replaced by their defaults, so an
 * expression that uses `${NAME}` is parsed with the value in place.
 */
function stageConfigIssues(
  stageId: string,
  index: number,
  config: Record<string, unknown>,
  definition: StageDefinition,
  parameters: Record<string, string>,
  check: ValidateFunction,
): Issue[] {
  const base = pointer('stages', index, 'config');
  const issues: Issue[] = [];
  for (const reference of findParameterReferences(config)) {
    if (!Object.hasOwn(parameters, reference.name)) {
      issues.push({
        path: joinPointer(base, reference.path),
        message: `uses the parameter \${${reference.name}}, which is not declared in /parameters`,
        code: IssueCodes.parameter,
        stageId,
      });
    }
  }
  const resolved = substituteParameters(config, parameters);
  if (!check(resolved)) {
    for (const problem of schemaProblems(check, base)) {
      issues.push({
        path: problem.path,
        message: problem.message,
        code: problem.expression ? IssueCodes.expression : IssueCodes.config,
        stageId,
      });
    }
    return issues;
  }
  for (const problem of definition.lint?.(resolved) ?? []) {
    issues.push({ path: joinPointer(base, problem.path), message: problem.message, code: IssueCodes.config, stageId });
  }
  return issues;
}
