import { describe, expect, it } from 'vitest';
import { MediaRefreshes } from './mediaRefresh';

/** A request whose answer the test gives. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('media refreshes', () => {
  it('writes an answer into the map shown when it arrives, not the one shown when it was asked', async () => {
    const refreshes = new MediaRefreshes<string>();
    let shown: Record<string, string> = { m1: 'processing' };
    const answer = deferred<string>();
    const done = refreshes.refresh('m1', () => answer.promise, (a) => {
      if (a) shown['m1'] = a;
      else delete shown['m1'];
    });
    // A page load replaces the map while the item's answer is on its way.
    shown = { m1: 'processing', m2: 'ready' };
    answer.resolve('ready');
    await done;
    expect(shown).toEqual({ m1: 'ready', m2: 'ready' });
  });

  it('never lets an older answer replace a newer one', async () => {
    const refreshes = new MediaRefreshes<string>();
    const written: (string | null)[] = [];
    const added = deferred<string>();
    const ready = deferred<string>();
    const first = refreshes.refresh('m1', () => added.promise, (a) => written.push(a));
    const second = refreshes.refresh('m1', () => ready.promise, (a) => written.push(a));
    ready.resolve('ready');
    await second;
    added.resolve('processing');
    await first;
    expect(written).toEqual(['ready']);
  });

  it('says which items were asked again after a list load began', async () => {
    const refreshes = new MediaRefreshes<string>();
    await refreshes.refresh('before', async () => 'ready', () => {});
    const mark = refreshes.listStarted();
    await refreshes.refresh('during', async () => 'failed', () => {});
    expect(refreshes.newerThan(mark)).toEqual(['during']);
  });

  it('writes null when the item cannot be asked (gone), so the page drops it', async () => {
    const refreshes = new MediaRefreshes<string>();
    const written: (string | null)[] = [];
    await refreshes.refresh('m1', () => Promise.reject(new Error('404')), (a) => written.push(a));
    expect(written).toEqual([null]);
  });
});
