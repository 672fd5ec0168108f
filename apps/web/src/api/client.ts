import type {
  ApiErrors,
  ApiProblem,
  MetricsSnapshot,
  PipelineDocument,
  PipelineStatus,
  PipelineSummary,
  PipelineVersionSummary,
  StageCatalogEntry,
  ValidationReport,
} from '@duto/model';

/** A refused or failed API call, with the server's problems by JSON Pointer path. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problems: ApiProblem[],
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n') || `HTTP ${status}`);
  }
}

/** The server could not be reached at all (down, restarting, network gone). */
export class ServerUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`The Duto server cannot be reached (${cause instanceof Error ? cause.message : String(cause)}). Your unsaved work is kept in this browser.`);
  }
}

export interface PipelineDetail {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  state: PipelineStatus['state'];
  /** As stored; typed loosely because a document may name stage types this build does not know. */
  document: PipelineDocument;
}

export interface Created {
  id: string;
  version: number;
}

export interface ExportedFile {
  fileName: string;
  text: string;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

async function send(method: string, path: string, { body, headers = {} }: RequestOptions = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers = { ...headers, 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ServerUnreachableError(error);
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as ApiErrors | undefined;
    const problems = payload?.errors ?? [{ path: '', message: `the server answered HTTP ${response.status}` }];
    throw new ApiRequestError(response.status, problems);
  }
  return response;
}

async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const pipelinePath = (id: string) => `/api/pipelines/${encodeURIComponent(id)}`;

/** The typed REST client of the Duto API (see the contract). */
export const api = {
  stages: () => request<StageCatalogEntry[]>('GET', '/api/stages'),
  listPipelines: () => request<PipelineSummary[]>('GET', '/api/pipelines'),
  createPipeline: (document: PipelineDocument) => request<Created>('POST', '/api/pipelines', { body: document }),
  importPipeline: (documentText: string) => request<Created>('POST', '/api/pipelines/import', { body: documentText }),
  getPipeline: (id: string) => request<PipelineDetail>('GET', pipelinePath(id)),
  /** Stores a new version; with `expectedVersion`, refused with 409 when someone saved in between. */
  savePipeline: (id: string, document: PipelineDocument, expectedVersion?: number) =>
    request<Created>('PUT', pipelinePath(id), {
      body: document,
      headers: expectedVersion === undefined ? {} : { 'if-match': String(expectedVersion) },
    }),
  deletePipeline: (id: string) => request<void>('DELETE', pipelinePath(id)),
  versions: (id: string) => request<PipelineVersionSummary[]>('GET', `${pipelinePath(id)}/versions`),
  versionDocument: (id: string, version: number) => request<PipelineDocument>('GET', `${pipelinePath(id)}/versions/${version}`),
  /** The canonical export text, untouched, so that a saved file is byte-identical to the server's. */
  exportPipeline: async (id: string): Promise<ExportedFile> => {
    const response = await send('GET', `${pipelinePath(id)}/export`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${id}.duto.json`;
    return { fileName, text: await response.text() };
  },
  validate: (id: string) => request<ValidationReport>('POST', `${pipelinePath(id)}/validate`),
  validateDraft: (document: PipelineDocument) => request<ValidationReport>('POST', '/api/validate', { body: document }),
  start: (id: string, parameters?: Record<string, string>) =>
    request<PipelineStatus>('POST', `${pipelinePath(id)}/start`, { body: parameters ? { parameters } : {} }),
  stop: (id: string) => request<PipelineStatus>('POST', `${pipelinePath(id)}/stop`),
  status: (id: string) => request<PipelineStatus>('GET', `${pipelinePath(id)}/status`),
  metrics: (id: string) => request<MetricsSnapshot>('GET', `${pipelinePath(id)}/metrics`),
};

/** A message for any error a call can end with, fit to show to the user. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError || error instanceof ServerUnreachableError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
