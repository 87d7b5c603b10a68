import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, describe as describeError } from './errors';
import { cookie, headersFor, IDEMPOTENCY_HEADER, newIdempotencyKey, request, setBearer, setUnauthenticatedHandler, withQuery } from './http';

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

  it('sends the guest page bearer token on every call until it is cleared', async () => {
    const f = fakeFetch(200, {});
    setBearer('fwg_abc');
    await request('GET', '/api/guest/view', { fetchImpl: f.impl });
    setBearer(null);
    await request('GET', '/api/me', { fetchImpl: f.impl });
    expect((f.calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer fwg_abc');
    expect((f.calls[1].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('sends a file as the raw body and reads an image answer as a Blob', async () => {
    const f = fakeFetch(200, { id: 'f1' });
    const file = new Blob(['PNG bytes']);
    await request('POST', '/api/templates/files', { raw: file, query: { filename: 'logo.png' }, fetchImpl: f.impl });
    const sent = f.calls[0].init;
    expect(f.calls[0].url).toBe('/api/templates/files?filename=logo.png');
    expect((sent.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    expect(sent.body).toBe(file);
    const image = await request<Blob>('POST', '/api/templates/preview', { body: { name: 't' }, blob: true, fetchImpl: f.impl });
    expect(image).toBeInstanceOf(Blob);
    expect((f.calls[1].init.headers as Record<string, string>).Accept).toBe('*/*');
    expect(f.calls[1].init.body).toBe('{"name":"t"}');
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

  it('sends a fresh Idempotency-Key per create and none on other calls', async () => {
    const f = fakeFetch(201, { id: 'n1' });
    await request('POST', '/api/x', { body: { a: 1 }, idempotent: true, fetchImpl: f.impl });
    await request('POST', '/api/x', { body: { a: 1 }, idempotent: true, fetchImpl: f.impl });
    await request('PATCH', '/api/x', { body: { a: 1 }, fetchImpl: f.impl });
    const keys = f.calls.map((c) => (c.init.headers as Record<string, string>)[IDEMPOTENCY_HEADER]);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
    expect(new Set(Array.from({ length: 50 }, () => newIdempotencyKey())).size).toBe(50);
  });

  it('retries a lost answer and a request still in progress with the same key', async () => {
    const seen: string[] = [];
    let calls = 0;
    const impl = (async (_url: string, init: RequestInit) => {
      seen.push((init.headers as Record<string, string>)[IDEMPOTENCY_HEADER]);
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch');
      if (calls === 2) {
        return new Response(
          JSON.stringify({ error: { code: 'conflict', message: 'still running', details: { inProgress: true } } }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return new Response(JSON.stringify({ id: 'n1' }), {
        status: 201,
        headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
      });
    }) as unknown as typeof fetch;
    const note = await request<{ id: string }>('POST', '/api/x', {
      body: {},
      idempotent: 'k-1',
      retryDelaysMs: [0, 0, 0],
      fetchImpl: impl,
    });
    expect(note.id).toBe('n1');
    expect(seen).toEqual(['k-1', 'k-1', 'k-1']);
  });

  it('gives up after its retries and does not retry refusals or plain requests', async () => {
    let calls = 0;
    const down = (async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const e = await request<never>('POST', '/api/x', { body: {}, idempotent: true, retryDelaysMs: [0, 0], fetchImpl: down }).catch(
      (x) => x as ApiError,
    );
    expect(e.code).toBe('network');
    expect(calls).toBe(3);
    calls = 0;
    await request('GET', '/api/x', { fetchImpl: down }).catch(() => {});
    expect(calls).toBe(1);
    const refused = fakeFetch(422, { error: { code: 'invalid', message: 'used for a different request', details: {} } });
    await request('POST', '/api/x', { body: {}, idempotent: true, retryDelaysMs: [0, 0], fetchImpl: refused.impl }).catch(() => {});
    expect(refused.calls).toHaveLength(1);
    const conflict = fakeFetch(409, { error: { code: 'conflict', message: 'already a version', details: {} } });
    await request('POST', '/api/x', { body: {}, idempotent: true, retryDelaysMs: [0, 0], fetchImpl: conflict.impl }).catch(() => {});
    expect(conflict.calls).toHaveLength(1);
  });
});
