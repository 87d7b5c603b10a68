import { beforeAll, describe, expect, it } from 'vitest';

// The upload list lives in localStorage so it survives a reload; a fake store stands in for the
// browser's before the module reads it.
const stored: Record<string, string> = {};
beforeAll(() => {
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => stored[k] ?? null,
    setItem: (k: string, v: string) => (stored[k] = v),
    removeItem: (k: string) => delete stored[k],
  };
  const item = (key: string, state: string, sent: number) => ({
    key, name: `${key}.mov`, size: 1000, sent, state, error: null, mediaId: null, assetId: null,
    projectId: 'p', versionOf: null, startedAt: 1,
  });
  stored['framewise.uploads'] = JSON.stringify([item('a', 'uploading', 420), item('b', 'done', 1000), item('c', 'failed', 10)]);
});

describe('upload list', () => {
  it('comes back after a reload with running uploads marked interrupted at their progress', async () => {
    const { uploads } = await import('./uploads.svelte');
    expect(uploads.items.map((i) => [i.key, i.state, i.sent])).toEqual([
      ['a', 'interrupted', 420],
      ['b', 'done', 1000],
      ['c', 'failed', 10],
    ]);
  });

  it('clears finished uploads and forgets one on request, and keeps the store in step', async () => {
    const { uploads, clearFinished, forgetUpload } = await import('./uploads.svelte');
    clearFinished();
    expect(uploads.items.map((i) => i.key)).toEqual(['a', 'c']);
    forgetUpload('c');
    expect(JSON.parse(stored['framewise.uploads']).map((i: { key: string }) => i.key)).toEqual(['a']);
  });

  it('titles assets after the file name without its extension', async () => {
    const { titleOf } = await import('./uploads.svelte');
    expect(titleOf('Scene 12 take 3.final.mov')).toBe('Scene 12 take 3.final');
    expect(titleOf('.hidden')).toBe('.hidden');
    expect(titleOf('noext')).toBe('noext');
  });

  it('files the same media with the same key on every try, and new media with a new key', async () => {
    const { filingKey } = await import('./uploads.svelte');
    const first = filingKey({ filing: null }, 'm1');
    expect(first.mediaId).toBe('m1');
    expect(filingKey({ filing: first }, 'm1')).toEqual(first);
    const other = filingKey({ filing: first }, 'm2');
    expect(other.mediaId).toBe('m2');
    expect(other.key).not.toBe(first.key);
  });
});
