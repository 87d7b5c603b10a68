import { describe, expect, it } from 'vitest';
import { STILL_WIDTHS, stillWidth } from './stillWidth';

describe('stillWidth', () => {
  it('asks for the smallest ladder width that fills the box on the screen', () => {
    expect(stillWidth(900, 1)).toBe(960);
    expect(stillWidth(960, 1)).toBe(960);
    expect(stillWidth(961, 1)).toBe(1280);
    expect(stillWidth(900, 2)).toBe(1920);
    expect(stillWidth(100, 1)).toBe(320);
  });

  it('asks for the full size when the box is unknown or wider than the ladder', () => {
    expect(stillWidth(0, 1)).toBeUndefined();
    expect(stillWidth(-5, 1)).toBeUndefined();
    expect(stillWidth(Number.NaN, 1)).toBeUndefined();
    expect(stillWidth(2000, 2)).toBeUndefined();
  });

  it('treats a missing or broken pixel ratio as 1', () => {
    expect(stillWidth(700, 0)).toBe(960);
    expect(stillWidth(700, Number.NaN)).toBe(960);
  });

  it('keeps a few widths so resized windows share cached stills', () => {
    expect(STILL_WIDTHS.length).toBeLessThanOrEqual(10);
    expect([...STILL_WIDTHS].sort((a, b) => a - b)).toEqual([...STILL_WIDTHS]);
  });
});
