import { describe, expect, it } from 'vitest';
import { isAbort, StillLoader, type FetchBlob } from './stillLoader';

/** A fake server: every request waits until the test answers it; aborts reject as fetch does. */
function fakeServer() {
  const requests: { url: string; signal: AbortSignal; answer: () => void }[] = [];
  const fetchBlob: FetchBlob = (url, signal) =>
    new Promise<Blob>((resolve, reject) => {
      signal.addEventListener('abort', () => {
        const e = new Error('aborted');
        e.name = 'AbortError';
        reject(e);
      });
      requests.push({ url, signal, answer: () => resolve(new Blob([url])) });
    });
  let n = 0;
  const revoked: string[] = [];
  const objectUrls = { create: () => `blob:${++n}`, revoke: (o: string) => void revoked.push(o) };
  return { requests, fetchBlob, objectUrls, revoked };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('still loader', () => {
  it('asks once per still and answers the next ask from memory', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls);
    const a = l.get('/f/1');
    const b = l.get('/f/1');
    expect(s.requests).toHaveLength(1);
    s.requests[0].answer();
    expect(await a).toBe('blob:1');
    expect(await b).toBe('blob:1');
    expect(await l.get('/f/1')).toBe('blob:1');
    expect(s.requests).toHaveLength(1);
  });

  it('counts a still as in memory only once it is decoded, and keeps its shape', async () => {
    const s = fakeServer();
    const decodes: { objectUrl: string; done: (aspect: number | null) => void; fail: () => void }[] = [];
    const decode = (objectUrl: string) =>
      new Promise<number | null>((resolve, reject) => decodes.push({ objectUrl, done: resolve, fail: () => reject(new Error('not a picture')) }));
    const l = new StillLoader(s.fetchBlob, s.objectUrls, 4, decode);
    const first = l.get('/f/1');
    s.requests[0].answer();
    await tick();
    expect(decodes.map((d) => d.objectUrl)).toEqual(['blob:1']);
    expect(l.state('/f/1')).toBe('coming');
    decodes[0].done(16 / 9);
    expect(await first).toBe('blob:1');
    expect(l.state('/f/1')).toBe('ready');
    expect(l.aspect('blob:1')).toBeCloseTo(16 / 9);
    const broken = l.get('/f/2');
    s.requests[1].answer();
    await tick();
    decodes[1].fail();
    await expect(broken).rejects.toThrow('not a picture');
    expect(l.state('/f/2')).toBe('none');
    expect(s.revoked).toEqual(['blob:2']);
  });

  it('says where a still is without changing which is evicted first', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls, 2);
    expect(l.state('/f/1')).toBe('none');
    const first = l.get('/f/1');
    expect(l.state('/f/1')).toBe('coming');
    s.requests[0].answer();
    await first;
    expect(l.state('/f/1')).toBe('ready');
    const second = l.get('/f/2');
    s.requests[1].answer();
    await second;
    // Asking the state of /f/1 must not make it the most recent: /f/3 then evicts it.
    expect(l.state('/f/1')).toBe('ready');
    const third = l.get('/f/3');
    s.requests[2].answer();
    await third;
    expect(l.state('/f/1')).toBe('none');
    expect(l.state('/f/2')).toBe('ready');
  });

  it('aborts every request not kept, and the aborted ask rejects with an AbortError', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls);
    const stale = l.get('/f/1');
    l.prefetch(['/f/2', '/f/3']);
    expect(l.cancelExcept(new Set(['/f/3']))).toBe(2);
    expect(s.requests.map((r) => r.signal.aborted)).toEqual([true, true, false]);
    await expect(stale).rejects.toSatisfy(isAbort);
    expect(l.pendingUrls()).toEqual(['/f/3']);
    expect(l.aborted).toBe(2);
    // Asked again after the abort: a fresh request.
    void l.get('/f/1').catch(() => {});
    expect(s.requests).toHaveLength(4);
  });

  it('keeps a bounded number of stills and never frees the one on screen', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls, 2);
    const first = l.get('/f/1');
    s.requests[0].answer();
    l.pin(await first);
    for (const u of ['/f/2', '/f/3', '/f/4']) {
      const p = l.get(u);
      s.requests[s.requests.length - 1].answer();
      await p;
    }
    expect(s.revoked).not.toContain('blob:1');
    expect(l.cached('/f/1')).toBe('blob:1');
    expect(s.revoked).toEqual(['blob:2', 'blob:3']);
    l.pin(null);
    for (const u of ['/f/5', '/f/6']) {
      const p = l.get(u);
      s.requests[s.requests.length - 1].answer();
      await p;
    }
    expect(s.revoked).toContain('blob:1');
  });

  it('drops an answer that arrives after its request was aborted', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls);
    void l.get('/f/1').catch(() => {});
    const r = s.requests[0];
    l.cancelExcept(new Set());
    r.answer();
    await tick();
    expect(l.cached('/f/1')).toBeUndefined();
  });

  it('frees everything when disposed', async () => {
    const s = fakeServer();
    const l = new StillLoader(s.fetchBlob, s.objectUrls);
    const p = l.get('/f/1');
    s.requests[0].answer();
    l.pin(await p);
    void l.get('/f/2').catch(() => {});
    l.dispose();
    expect(s.requests[1].signal.aborted).toBe(true);
    expect(s.revoked).toEqual(['blob:1']);
  });
});
