import { ApiError } from './errors';

// Cookie sessions need the CSRF token on every unsafe method; the server sets it as a readable
// cookie. Bearer-token callers (scripts) do not come through this page, so the cookie is enough.
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export type UnauthenticatedHandler = (error: ApiError) => void;

let onUnauthenticated: UnauthenticatedHandler = () => {};

/** What happens on a 401: the app sends the user to the sign-in page. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Raw text instead of JSON (CSV export). */
  text?: boolean;
  /** Do not redirect on 401 (the sign-in page itself, the auth probe). */
  quiet401?: boolean;
  fetchImpl?: typeof fetch;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export function headersFor(method: string, hasBody: boolean, cookies?: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const token = cookie('fw_csrf', cookies);
    if (token) headers['X-CSRF-Token'] = token;
  }
  return headers;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetchImpl ?? fetch;
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await doFetch(withQuery(path, options.query), {
      method,
      headers: headersFor(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw ApiError.network(e);
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    const error = ApiError.fromBody(response.status, body, `${method} ${path} failed with HTTP ${response.status}`);
    if (response.status === 429 && error.details.retryAfterSeconds === undefined) {
      const retry = Number(response.headers.get('Retry-After'));
      if (Number.isFinite(retry)) error.details.retryAfterSeconds = retry;
    }
    if (response.status === 401 && !options.quiet401) onUnauthenticated(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (options.text) return (await response.text()) as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, body }),
  put: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PUT', path, { ...o, body }),
  patch: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PATCH', path, { ...o, body }),
  del: <T>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o),
};
