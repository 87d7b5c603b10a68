import { describe, expect, it } from 'vitest';
import { holdingTooFarAhead, repeatWaits } from './keys';
import type { StillState } from './stillLoader';

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

describe('a key repeat with the stills the page has', () => {
  const view = (frame: number, shownStill: number | null, states: Record<number, StillState>, playing = false) => ({
    frame,
    shownStill,
    playing,
    frameCount: 100,
    stillState: (f: number): StillState => states[f] ?? 'none',
  });

  it('steps when the next frame is in memory, even with the picture behind', () => {
    expect(repeatWaits(view(12, 10, { 13: 'ready' }), { repeat: true }, 1)).toBe(false);
    expect(repeatWaits(view(12, 12, { 11: 'ready' }), { repeat: true }, -1)).toBe(false);
  });

  it('waits while the next frame is on its way, though the picture is on the index', () => {
    expect(repeatWaits(view(12, 12, { 13: 'coming' }), { repeat: true }, 1)).toBe(true);
    expect(repeatWaits(view(12, 12, { 11: 'coming', 13: 'ready' }), { repeat: true }, -1)).toBe(true);
  });

  it('falls back to three frames behind when nothing fetches the next frame', () => {
    expect(repeatWaits(view(12, 11, {}), { repeat: true }, 1)).toBe(false);
    expect(repeatWaits(view(13, 10, {}), { repeat: true }, 1)).toBe(true);
  });

  it('asks about the frame it would land on: the last one at the end, a second away with Shift', () => {
    const asked: number[] = [];
    const v = { ...view(98, 98, {}), stillState: (f: number): StillState => (asked.push(f), 'coming') };
    repeatWaits(v, { repeat: true }, 25);
    repeatWaits({ ...v, frame: 40 }, { repeat: true }, -25);
    expect(asked).toEqual([99, 15]);
  });

  it('never holds back a fresh press, playback, or a page with no picture yet', () => {
    expect(repeatWaits(view(12, 12, { 13: 'coming' }), { repeat: false }, 1)).toBe(false);
    expect(repeatWaits(view(12, 12, { 13: 'coming' }, true), { repeat: true }, 1)).toBe(false);
    expect(repeatWaits(view(12, null, { 13: 'coming' }), { repeat: true }, 1)).toBe(false);
  });
});
