import { describe, expect, it } from 'vitest';
import { liveFrameAt, loopRange, nextShuttle, staleAfterSeek, wrapLoop } from './shuttle';

describe('shuttle', () => {
  it('speeds up on repeated L and J and turns round', () => {
    expect(nextShuttle(1, false, 'l')).toBe(1);
    expect(nextShuttle(1, true, 'l')).toBe(2);
    expect(nextShuttle(2, true, 'l')).toBe(4);
    expect(nextShuttle(8, true, 'l')).toBe(8);
    expect(nextShuttle(4, true, 'j')).toBe(-1);
    expect(nextShuttle(-1, true, 'j')).toBe(-2);
  });
});

describe('live clock', () => {
  const base = { playing: true, frame: 100, anchor: 10_000, rate: 1, frameCount: 1000, frameRate: { num: 30000, den: 1001 }, loop: null };

  it('advances from the anchor at the exact rate', () => {
    expect(liveFrameAt(base, 10_000)).toBe(100);
    expect(liveFrameAt(base, 11_001)).toBe(130);
    expect(liveFrameAt({ ...base, rate: 2 }, 11_001)).toBe(160);
    expect(liveFrameAt({ ...base, playing: false }, 99_999)).toBe(100);
  });

  it('holds on the last frame and wraps in a loop', () => {
    expect(liveFrameAt(base, 10_000_000)).toBe(999);
    expect(liveFrameAt({ ...base, loop: { in: 100, out: 110 } }, 10_000 + 401)).toBe(102);
  });

  it('builds loop ranges from I/O marks with an exclusive out', () => {
    expect(loopRange(10, 20, 100)).toEqual({ in: 10, out: 21 });
    expect(loopRange(null, 20, 100)).toEqual({ in: 0, out: 21 });
    expect(loopRange(10, null, 100)).toEqual({ in: 10, out: 100 });
    expect(loopRange(null, null, 100)).toBeNull();
    expect(wrapLoop(21, { in: 10, out: 21 })).toBe(10);
    expect(wrapLoop(20, { in: 10, out: 21 })).toBe(20);
  });
});

describe('pictures presented around a seek', () => {
  it('drops a picture from before a forward or a backward jump and keeps the target or one before it', () => {
    expect(staleAfterSeek(0, 5)).toBe(true);
    expect(staleAfterSeek(35, 5)).toBe(true);
    expect(staleAfterSeek(4, 5)).toBe(false);
    expect(staleAfterSeek(5, 5)).toBe(false);
    expect(staleAfterSeek(9, 5)).toBe(false);
  });
});
