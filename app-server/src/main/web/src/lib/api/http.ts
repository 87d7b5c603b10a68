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

let bearer: string | null = null;

/**
 * A share link's guest page sends its guest token on every call: the server then answers as the
 * guest in every auth mode, also in a browser where someone is signed in (the cookie alone would
 * make them themselves). Null goes back to the page's own cookies.
 */
export function setBearer(token: string | null): void {
  bearer = token;
}

export interface RequestOptions {
  body?: unknown;
  /**
   * A create that must happen once: sends an Idempotency-Key (this one, or a fresh one for `true`)
   * and, when the answer is lost (network failure, the server busy or still running the first try),
   * sends the same request again with the same key, so the server replays its answer instead of
   * creating twice.
   */
  idempotent?: boolean | string;
  /** Waits between retries of an idempotent request (the default backs off over about 10 s). */
  retryDelaysMs?: number[];
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Raw text instead of JSON (CSV export). */
  text?: boolean;
  /** The answer as a Blob (an image), whatever its type. */
  blob?: boolean;
  /** A file sent as the raw body (application/octet-stream) instead of JSON. */
  raw?: Blob;
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

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const DEFAULT_RETRY_DELAYS_MS = [300, 1000, 3000, 6000];

/**
 * A fresh idempotency key: 122 random bits as a UUID. Built from getRandomValues because
 * crypto.randomUUID exists only on secure pages, and a LAN server is often plain http.
 */
export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a failed try of an idempotent request should be sent again with its key. */
async function worthRetrying(response: Response): Promise<boolean> {
  if (response.status === 502 || response.status === 503 || response.status === 504) return true;
  if (response.status !== 409) return false;
  try {
    const body = (await response.clone().json()) as { error?: { details?: { inProgress?: unknown } } };
    return body?.error?.details?.inProgress === true;
  } catch {
    return false;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetchImpl ?? fetch;
  const hasBody = options.body !== undefined;
  const headers = headersFor(method, hasBody || options.raw !== undefined);
  if (options.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  if (options.blob) headers.Accept = '*/*';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const key = options.idempotent === true ? newIdempotencyKey() : options.idempotent || null;
  if (key) headers[IDEMPOTENCY_HEADER] = key;
  const delays = key ? (options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS) : [];
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await doFetch(withQuery(path, options.query), {
        method,
        headers,
        body: options.raw ?? (hasBody ? JSON.stringify(options.body) : undefined),
        credentials: 'same-origin',
      });
    } catch (e) {
      if (attempt < delays.length) {
        await new Promise((r) => setTimeout(r, delays[attempt]));
        continue;
      }
      throw ApiError.network(e);
    }
    if (attempt < delays.length && !response.ok && (await worthRetrying(response))) {
      await new Promise((r) => setTimeout(r, delays[attempt]));
      continue;
    }
    break;
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
  if (options.blob) return (await response.blob()) as T;
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
