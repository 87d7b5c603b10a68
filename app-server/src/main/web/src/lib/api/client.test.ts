import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, describe as describeError } from './errors';
import { cookie, headersFor, request, setUnauthenticatedHandler, withQuery } from './http';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe('api client', () => {
  afterEach(() => setUnauthenticatedHandler(() => {}));

  it('reads the CSRF cookie and sends it only on unsafe methods', () => {
    const cookies = 'fw_session=abc; fw_csrf=t%2Bk';
    expect(cookie('fw_csrf', cookies)).toBe('t+k');
    expect(headersFor('POST', true, cookies)['X-CSRF-Token']).toBe('t+k');
    expect(headersFor('DELETE', false, cookies)['X-CSRF-Token']).toBe('t+k');
    expect(headersFor('GET', false, cookies)['X-CSRF-Token']).toBeUndefined();
    expect(headersFor('POST', true, 'other=1')['X-CSRF-Token']).toBeUndefined();
  });

  it('turns the server error shape into one ApiError', async () => {
    const f = fakeFetch(422, { error: { code: 'invalid', message: 'text must be 1 to 10000 characters', details: { field: 'text' } } });
    const e = await request<never>('POST', '/api/x', { body: {}, fetchImpl: f.impl }).catch((x) => x as ApiError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('invalid');
    expect(e.status).toBe(422);
    expect(e.details.field).toBe('text');
    expect(f.calls[0].init.body).toBe('{}');
  });

  it('gives an error for bodies that are not the error shape', async () => {
    const f = fakeFetch(502, 'bad gateway');
    const e = await request<never>('GET', '/api/x', { fetchImpl: f.impl }).catch((x) => x as ApiError);
    expect(e.code).toBe('http_502');
  });

  it('sends a 401 to the sign-in handler unless told not to', async () => {
    const seen: ApiError[] = [];
    setUnauthenticatedHandler((e) => seen.push(e));
    const f = fakeFetch(401, { error: { code: 'unauthenticated', message: 'Sign in first', details: {} } });
    await request('GET', '/api/me', { fetchImpl: f.impl }).catch(() => {});
    await request('GET', '/api/me', { fetchImpl: f.impl, quiet401: true }).catch(() => {});
    expect(seen).toHaveLength(1);
  });

  it('explains rate limiting with the wait from Retry-After', async () => {
    const f = fakeFetch(429, { error: { code: 'rate_limited', message: 'slow down', details: {} } }, { 'Retry-After': '30' });
    const e = await request<never>('POST', '/api/auth/login', { fetchImpl: f.impl }).catch((x) => x as ApiError);
    expect(describeError(e)).toBe('Too many attempts. Wait 30 seconds, then try again.');
  });

  it('reports an unreachable server in words', async () => {
    const impl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const e = await request<never>('GET', '/api/x', { fetchImpl: impl }).catch((x) => x as ApiError);
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/cannot be reached/);
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/a', { x: 1, y: '', z: null, w: 'a b' })).toBe('/a?x=1&w=a+b');
  });

  it('answers 204 with nothing', async () => {
    const impl = (async () => new Response(null, { status: 204 })) as unknown as typeof fetch;
    expect(await request('DELETE', '/api/x', { fetchImpl: impl })).toBeUndefined();
  });
});
