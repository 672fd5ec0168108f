import type {
  Alert,
  AlertRuleBody,
  ApiErrors,
  ApiProblem,
  AuditPage,
  AuditQuery,
  DiscardErrorsResult,
  ErrorRecordEntry,
  LakeListing,
  LakePreview,
  Me,
  MetricsHistory,
  MetricsResolution,
  PipelineDocument,
  PipelineStatus,
  PipelineSummary,
  PipelineVersionSummary,
  PreviewRequest,
  PreviewResult,
  ReprocessResult,
  RetainedState,
  Role,
  SecretSummary,
  StageCatalogEntry,
  TokenCreated,
  TokenSummary,
  UserSummary,
  ValidationReport,
} from '@duto/model';

/** A refused or failed API call, with the server's problems by JSON Pointer path. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problems: ApiProblem[],
    /** From `Retry-After`, when the server says how long to wait (429). */
    readonly retryAfterSeconds?: number,
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
  signal?: AbortSignal;
  /** A 401 here answers this call only (a wrong password at login), not "the session is gone". */
  anonymous?: boolean;
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server answers 401: the session expired, was ended, or never was. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

async function send(method: string, path: string, { body, headers = {}, signal, anonymous = false }: RequestOptions = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.headers = { ...headers, 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ServerUnreachableError(error);
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as ApiErrors | undefined;
    const problems = payload?.errors ?? [{ path: '', message: `the server answered HTTP ${response.status}` }];
    if (response.status === 401 && !anonymous) for (const listener of unauthenticatedListeners) listener();
    throw new ApiRequestError(response.status, problems, retryAfter(response));
  }
  return response;
}

async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const pipelinePath = (id: string) => `/api/pipelines/${encodeURIComponent(id)}`;

/** A query string of the parameters that are set, with its `?`; empty when none is. */
function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The file name a download response proposes, or the fallback. */
async function downloaded(response: Response, fallback: string): Promise<ExportedFile> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  return { fileName, text: await response.text() };
}

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
  /** With `release`, what the stages keep on services is released first (see `retainedState`). */
  deletePipeline: (id: string, { release = false }: { release?: boolean } = {}) => request<void>('DELETE', `${pipelinePath(id)}${release ? '?release=true' : ''}`),
  retainedState: (id: string) => request<RetainedState[]>('GET', `${pipelinePath(id)}/retained`),
  versions: (id: string) => request<PipelineVersionSummary[]>('GET', `${pipelinePath(id)}/versions`),
  versionDocument: (id: string, version: number) => request<PipelineDocument>('GET', `${pipelinePath(id)}/versions/${version}`),
  /** The canonical export text, untouched, so that a saved file is byte-identical to the server's. */
  exportPipeline: async (id: string): Promise<ExportedFile> => downloaded(await send('GET', `${pipelinePath(id)}/export`), `${id}.duto.json`),
  validate: (id: string) => request<ValidationReport>('POST', `${pipelinePath(id)}/validate`),
  validateDraft: (document: PipelineDocument) => request<ValidationReport>('POST', '/api/validate', { body: document }),
  start: (id: string, parameters?: Record<string, string>) =>
    request<PipelineStatus>('POST', `${pipelinePath(id)}/start`, { body: parameters ? { parameters } : {} }),
  stop: (id: string) => request<PipelineStatus>('POST', `${pipelinePath(id)}/stop`),
  status: (id: string) => request<PipelineStatus>('GET', `${pipelinePath(id)}/status`),
  metricsHistory: (id: string, { resolution, since }: { resolution?: MetricsResolution; since?: string } = {}) =>
    request<MetricsHistory>('GET', `${pipelinePath(id)}/metrics/history${query({ resolution, since })}`),
  alerts: (id: string) => request<Alert[]>('GET', `${pipelinePath(id)}/alerts`),
  createAlert: (id: string, rule: AlertRuleBody) => request<Alert>('POST', `${pipelinePath(id)}/alerts`, { body: rule }),
  deleteAlert: (id: string, alertId: string) => request<void>('DELETE', `${pipelinePath(id)}/alerts/${encodeURIComponent(alertId)}`),
  /** Runs records through the pipeline (a draft when `document` is given) without writing anywhere. */
  preview: (id: string, body: PreviewRequest, signal?: AbortSignal) =>
    request<PreviewResult>('POST', `${pipelinePath(id)}/preview`, signal ? { body, signal } : { body }),
  errorRecords: (id: string, { stageId, limit }: { stageId?: string; limit?: number } = {}) =>
    request<ErrorRecordEntry[]>('GET', `${pipelinePath(id)}/errors${query({ stageId, limit })}`),
  /** Every error record (of one stage, when given) as JSON Lines, untouched. */
  exportErrorRecords: async (id: string, stageId?: string): Promise<ExportedFile> =>
    downloaded(await send('GET', `${pipelinePath(id)}/errors/export${query({ stageId })}`), `${id}-errors.jsonl`),
  /** Sends error records back into the running pipeline; 409 when it is not running. */
  reprocessErrorRecords: (id: string, ids: number[]) => request<ReprocessResult>('POST', `${pipelinePath(id)}/errors/reprocess`, { body: { ids } }),
  discardErrorRecords: (id: string, ids: number[]) => request<DiscardErrorsResult>('DELETE', `${pipelinePath(id)}/errors`, { body: { ids } }),
  lakeListing: (path: string) => request<LakeListing>('GET', `/api/lake${query({ path })}`),
  lakePreview: (path: string, limit?: number) => request<LakePreview>('GET', `/api/lake/preview${query({ path, limit })}`),
  login: (username: string, password: string) => request<void>('POST', '/api/auth/login', { body: { username, password }, anonymous: true }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),
  users: () => request<UserSummary[]>('GET', '/api/users'),
  createUser: (username: string, password: string, role: Role) => request<UserSummary>('POST', '/api/users', { body: { username, password, role } }),
  setUserRole: (id: number, role: Role) => request<UserSummary>('PUT', `/api/users/${id}/role`, { body: { role } }),
  resetUserPassword: (id: number, password: string) => request<void>('PUT', `/api/users/${id}/password`, { body: { password } }),
  deleteUser: (id: number) => request<void>('DELETE', `/api/users/${id}`),
  tokens: () => request<TokenSummary[]>('GET', '/api/tokens'),
  createToken: (name: string, role: Role) => request<TokenCreated>('POST', '/api/tokens', { body: { name, role } }),
  revokeToken: (id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
  /** Names and dates only: the server never sends a secret's value. */
  secrets: () => request<SecretSummary[]>('GET', '/api/secrets'),
  putSecret: (name: string, value: string) => request<SecretSummary>('PUT', `/api/secrets/${encodeURIComponent(name)}`, { body: { value } }),
  deleteSecret: (name: string) => request<void>('DELETE', `/api/secrets/${encodeURIComponent(name)}`),
  audit: ({ actor, action, target, limit, before }: AuditQuery) => request<AuditPage>('GET', `/api/audit${query({ actor, action, target, limit, before })}`),
};

/** A message for any error a call can end with, fit to show to the user. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError || error instanceof ServerUnreachableError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
