/**
 * The one HTTP client of the console: JSON over fetch, bearer token from localStorage, errors as ApiError
 * carrying the API's stable code, its zh/en text, details and request id. A 401 on an authenticated call
 * clears the session and hands control to the listener (the router sends the user to the login page).
 */

export interface Text {
  zh: string;
  en: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly details: Record<string, unknown> | null,
    readonly requestId: string | null,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'cbec.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let unauthenticatedListener: (() => void) | null = null;
/** Called when the server says the session is gone (401 on a call made with a token). */
export function onUnauthenticated(listener: (() => void) | null) {
  unauthenticatedListener = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** false for the public calls (login, self-registration). */
  auth?: boolean;
  signal?: AbortSignal;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = opts.auth === false ? null : tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', { zh: '无法连接服务器，请检查网络后重试', en: 'cannot reach the server; check the network and retry' }, null, null);
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;

  const err = (data as { error?: Partial<ApiError> & { message?: Text; details?: Record<string, unknown> | null; requestId?: string } } | null)?.error;
  if (res.status === 401 && token) {
    tokenStore.clear();
    unauthenticatedListener?.();
  }
  throw new ApiError(
    res.status,
    err?.code ?? `http.${res.status}`,
    err?.message ?? { zh: `请求失败（HTTP ${res.status}）`, en: `request failed (HTTP ${res.status})` },
    err?.details ?? null,
    err?.requestId ?? null,
  );
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
