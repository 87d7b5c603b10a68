import { describe, expect, it } from 'vitest';
import { holdingTooFarAhead } from './keys';

describe('a held step key', () => {
  const at = (frame: number, shownStill: number | null, playing = false) => ({ frame, shownStill, playing });

  it('moves on while the picture is less than three frames behind', () => {
    expect(holdingTooFarAhead(at(12, 10), { repeat: true })).toBe(false);
    expect(holdingTooFarAhead(at(8, 10), { repeat: true })).toBe(false);
  });

  it('waits for the picture when the index ran three frames ahead, either way', () => {
    expect(holdingTooFarAhead(at(13, 10), { repeat: true })).toBe(true);
    expect(holdingTooFarAhead(at(7, 10), { repeat: true })).toBe(true);
  });

  it('never holds back a fresh press, playback, or a page with no picture yet', () => {
    expect(holdingTooFarAhead(at(13, 10), { repeat: false })).toBe(false);
    expect(holdingTooFarAhead(at(13, 10, true), { repeat: true })).toBe(false);
    expect(holdingTooFarAhead(at(13, null), { repeat: true })).toBe(false);
  });
});
