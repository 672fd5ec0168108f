/**
 * A problem found in a pipeline document. `path` is a JSON Pointer into the document;
 * `code` is stable so that the UI and scripts can map it to help text.
 */
export interface Issue {
  path: string;
  message: string;
  code: IssueCode;
  stageId?: string;
}

export const IssueCodes = {
  schema: 'DUTO_LINT_SCHEMA',
  format: 'DUTO_LINT_FORMAT',
  tooLarge: 'DUTO_LINT_TOO_LARGE',
  unknownStageType: 'DUTO_LINT_UNKNOWN_STAGE_TYPE',
  config: 'DUTO_LINT_CONFIG',
  expression: 'DUTO_LINT_EXPRESSION',
  parameter: 'DUTO_LINT_PARAMETER',
  duplicateId: 'DUTO_LINT_DUPLICATE_ID',
  missingStage: 'DUTO_LINT_MISSING_STAGE',
  duplicateEdge: 'DUTO_LINT_DUPLICATE_EDGE',
  originInput: 'DUTO_LINT_ORIGIN_INPUT',
  destinationOutput: 'DUTO_LINT_DESTINATION_OUTPUT',
  lane: 'DUTO_LINT_LANE',
  cycle: 'DUTO_LINT_CYCLE',
  noOrigin: 'DUTO_LINT_NO_ORIGIN',
  unreachable: 'DUTO_LINT_UNREACHABLE',
  deadEnd: 'DUTO_LINT_DEAD_END',
  unreachableService: 'DUTO_LINT_UNREACHABLE_SERVICE',
  missingSecret: 'DUTO_LINT_MISSING_SECRET',
} as const;

export type IssueCode = (typeof IssueCodes)[keyof typeof IssueCodes];
