import Type from 'typebox';
import { ApiErrors } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';

/** The `:id` of a pipeline in a route's path. */
export const PipelineIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/** The error answers a route documents, each `{ errors: [...] }`, keyed by status code. */
export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, ApiErrors]));

export function pipelineNotFound(id: string): ApiError {
  return ApiError.single(404, ErrorCodes.notFound, `no pipeline has the id "${id}"`);
}
