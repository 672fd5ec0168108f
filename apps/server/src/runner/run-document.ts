import type { PipelineDocument, PipelineValidator } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';

/**
 * The document a run or a preview uses: its parameters' defaults overridden by `parameters`,
 * validated as a whole. A name the document does not declare, and every problem of the
 * result, is refused with 400 by its JSON Pointer; `at` is where the document sits in the
 * request body, when it came in one.
 */
export function runDocument(document: PipelineDocument, parameters: Record<string, string>, validate: PipelineValidator, at = ''): PipelineDocument {
  const declared = document.parameters ?? {};
  const unknown = Object.keys(parameters).filter((name) => !Object.hasOwn(declared, name));
  if (unknown.length > 0) {
    throw new ApiError(400, unknown.map((name) => ({ path: `/parameters/${name}`, message: 'is not a parameter of this pipeline', code: ErrorCodes.badRequest })));
  }
  const result = validate({ ...document, parameters: { ...declared, ...parameters } });
  if (!result.valid) throw new ApiError(400, result.issues.map((issue) => ({ ...issue, path: at + issue.path })));
  return result.document;
}
