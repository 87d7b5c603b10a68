import { describe, expect, it } from 'vitest';
import { WatchTracker, type Heartbeat } from './watching';

function tracker() {
  let t = 0;
  const sent: Heartbeat[] = [];
  const w = new WatchTracker((h) => sent.push(h), 10_000, () => t);
  return { w, sent, at: (ms: number) => (t = ms) };
}

describe('watch tracker', () => {
  it('sends one range every ten seconds while playing', () => {
    const { w, sent, at } = tracker();
    for (let i = 0; i <= 300; i++) {
      at(i * 40);
      w.playing('m', i);
    }
    // 12 s of playing at 25 fps: one report at 10 s, the rest when stopped.
    expect(sent).toEqual([{ mediaId: 'm', fromFrame: 0, toFrame: 250, seconds: 10 }]);
    w.stopped();
    expect(sent[1]).toEqual({ mediaId: 'm', fromFrame: 251, toFrame: 300, seconds: 2 });
  });
  it('ends a range at a jump back or to another media', () => {
    const { w, sent, at } = tracker();
    at(0);
    w.playing('m', 100);
    at(1000);
    w.playing('m', 125);
    at(1040);
    w.playing('m', 10);
    expect(sent).toEqual([{ mediaId: 'm', fromFrame: 100, toFrame: 125, seconds: 1 }]);
    at(1440);
    w.playing('m', 20);
    at(1480);
    w.playing('n', 0);
    expect(sent[1]).toEqual({ mediaId: 'm', fromFrame: 10, toFrame: 20, seconds: 0.4 });
  });
  it('sends nothing when nothing played', () => {
    const { w, sent } = tracker();
    w.stopped();
    expect(sent).toEqual([]);
  });
});
