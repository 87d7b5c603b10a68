import { describe, expect, it } from 'vitest';
import { stepCut } from './sceneCuts';

describe('stepCut', () => {
  const cuts = [250, 40, 120];
  it('goes to the nearest cut after the frame, in any order given', () => {
    expect(stepCut(cuts, 0, 1)).toBe(40);
    expect(stepCut(cuts, 40, 1)).toBe(120);
    expect(stepCut(cuts, 121, 1)).toBe(250);
  });
  it('goes to the nearest cut before the frame', () => {
    expect(stepCut(cuts, 250, -1)).toBe(120);
    expect(stepCut(cuts, 41, -1)).toBe(40);
  });
  it('answers null past the last or before the first cut', () => {
    expect(stepCut(cuts, 250, 1)).toBeNull();
    expect(stepCut(cuts, 40, -1)).toBeNull();
    expect(stepCut([], 10, 1)).toBeNull();
  });
});
