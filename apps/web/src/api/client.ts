import type { ApiErrors, PipelineSummary } from '@duto/model';

/** A refused or failed API call, with the server's problems by path. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problems: ApiErrors['errors'],
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n') || `HTTP ${status}`);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(path, init);
  const payload = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const problems = (payload as ApiErrors | undefined)?.errors ?? [{ path: '', message: `HTTP ${response.status}` }];
    throw new ApiRequestError(response.status, problems);
  }
  return payload as T;
}

export const api = {
  listPipelines: () => request<PipelineSummary[]>('GET', '/api/pipelines'),
  importPipeline: (documentText: string) => request<{ id: string; version: number }>('POST', '/api/pipelines/import', documentText),
};
