/**
 * The one way the web app talks to the API: adds the CSRF header to changes, turns the error body
 * into an ApiError (with field messages), and sends the user to the login page on 401.
 */
export type FieldErrors = Record<string, string>;
export interface CsvRowError { row: number; field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly rows?: CsvRowError[],
  ) {
    super(message);
  }
  /** True when the request never got an answer (offline, server down). */
  get isNetwork(): boolean { return this.status === 0; }
}

export const API = '/api/v1';
let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => { csrfToken = t; };

/** Called on 401 for any request but the sign-in itself; the session module sets it. */
let onUnauthenticated: () => void = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};
export const setUnauthenticatedHandler = (fn: () => void) => { onUnauthenticated = fn; };

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  json?: unknown;
  text?: string;
  contentType?: string;
  /** Don't redirect on 401 (used by the sign-in and session probe). */
  allow401?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | undefined;
  if (opts.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(opts.json); }
  if (opts.text !== undefined) { headers['content-type'] = opts.contentType ?? 'text/plain'; body = opts.text; }
  let res: Response;
  try {
    res = await fetch(API + withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as T;
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  const payload: unknown = isJson ? await res.json().catch(() => null) : await res.text();
  if (res.ok) return payload as T;
  const err = (payload && typeof payload === 'object' ? (payload as { error?: Record<string, unknown> }).error : undefined) ?? {};
  const apiError = new ApiError(
    res.status,
    typeof err.code === 'string' ? err.code : res.status >= 500 ? 'internal' : 'error',
    typeof err.message === 'string' ? err.message : res.statusText,
    err.fields as FieldErrors | undefined,
    err.rows as CsvRowError[] | undefined,
  );
  if (res.status === 401 && !opts.allow401) onUnauthenticated();
  throw apiError;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, json?: unknown, query?: Query) => request<T>(path, { method: 'POST', json: json ?? {}, query }),
  patch: <T>(path: string, json: unknown) => request<T>(path, { method: 'PATCH', json }),
  put: <T>(path: string, json: unknown) => request<T>(path, { method: 'PUT', json }),
  del: (path: string) => request<void>(path, { method: 'DELETE' }),
  postCsv: <T>(path: string, csv: string, query?: Query) => request<T>(path, { method: 'POST', text: csv, contentType: 'text/csv', query }),
};

/** Reads every page of a list (pageSize 500, the API's maximum): first page, then the rest in parallel. */
export async function fetchAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const pageSize = 500;
  const first = await api.get<Page<T>>(path, { ...query, page: 1, pageSize });
  const pages = Math.ceil(first.total / pageSize);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
    api.get<Page<T>>(path, { ...query, page: i + 2, pageSize })));
  return [first, ...rest].flatMap((p) => p.items);
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
