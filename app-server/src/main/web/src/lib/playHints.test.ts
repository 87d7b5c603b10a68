import { describe, expect, it } from 'vitest';
import { hintUrl, PlayHints, type SendHint, type Timers } from './playHints';

/** Timers the test runs by hand, and a server whose answers the test gives. */
function harness() {
  let pending: (() => void) | null = null;
  const timers: Timers = {
    setInterval: (f) => {
      pending = f;
      return 1;
    },
    clearInterval: () => {
      pending = null;
    },
  };
  const sent: { url: string; signal: AbortSignal; answer: (ok: boolean) => void }[] = [];
  const send: SendHint = (url, signal) =>
    new Promise((resolve, reject) => sent.push({ url, signal, answer: (ok) => (ok ? resolve(204) : reject(new Error('400'))) }));
  return { timers, sent, send, fire: () => pending?.(), running: () => pending !== null };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('play hints', () => {
  it('adds the hint to the still URL the page would ask on pause', () => {
    expect(hintUrl('/api/media/m/frames/12?format=jpeg&width=1280')).toBe('/api/media/m/frames/12?format=jpeg&width=1280&prefetch=play');
    expect(hintUrl('/api/media/m/frames/12')).toBe('/api/media/m/frames/12?prefetch=play');
  });

  it('hints at once, then on each tick, never more than one in flight', async () => {
    const h = harness();
    const hints = new PlayHints(h.send, h.timers);
    let frame = 10;
    hints.start(() => `/f/${frame}?format=jpeg`);
    expect(h.sent.map((s) => s.url)).toEqual(['/f/10?format=jpeg&prefetch=play']);
    frame = 16;
    h.fire();
    h.fire();
    expect(h.sent).toHaveLength(1);
    // The unknown-parameter 400 of an older server is ignored like a 204.
    h.sent[0].answer(false);
    await settle();
    h.fire();
    expect(h.sent.map((s) => s.url)).toEqual(['/f/10?format=jpeg&prefetch=play', '/f/16?format=jpeg&prefetch=play']);
    h.sent[1].answer(true);
    await settle();
    // The playhead did not move (a stalled video): nothing new to tell.
    h.fire();
    expect(h.sent).toHaveLength(2);
    expect(hints.sent).toBe(2);
  });

  it('stops on pause and aborts the hint in flight so the still goes first', () => {
    const h = harness();
    const hints = new PlayHints(h.send, h.timers);
    hints.start(() => '/f/1?x');
    expect(hints.running).toBe(true);
    hints.stop();
    expect(h.sent[0].signal.aborted).toBe(true);
    expect(h.running()).toBe(false);
    expect(hints.running).toBe(false);
  });

  it('sends nothing while there is no still to hint', () => {
    const h = harness();
    const hints = new PlayHints(h.send, h.timers);
    hints.start(() => null);
    h.fire();
    expect(h.sent).toHaveLength(0);
  });
});
