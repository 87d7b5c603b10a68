import { describe, expect, it } from 'vitest';
import { framesAhead, planMove } from './prefetch';

describe('stills fetched ahead of a step', () => {
  it('follows the stepping direction and stays inside the media', () => {
    expect(framesAhead(10, 1, 100)).toEqual([11, 12]);
    expect(framesAhead(10, -1, 100)).toEqual([9, 8]);
    expect(framesAhead(98, 1, 100)).toEqual([99]);
    expect(framesAhead(0, -1, 100)).toEqual([]);
    expect(framesAhead(10, 0, 100)).toEqual([]);
    expect(framesAhead(10, 5, 100)).toEqual([11, 12]);
  });

  it('plans the frame wanted and, while stepping, three ahead in the step direction', () => {
    expect(planMove(10, 11, 100)).toEqual({ step: 1, frames: [11, 12, 13, 14] });
    expect(planMove(11, 10, 100)).toEqual({ step: -1, frames: [10, 9, 8, 7] });
    // A key repeat that skipped a frame is still a step.
    expect(planMove(10, 12, 100)).toEqual({ step: 1, frames: [12, 13, 14, 15] });
    expect(planMove(2, 1, 100)).toEqual({ step: -1, frames: [1, 0] });
  });

  it('plans nothing ahead after a jump, the first picture or staying put', () => {
    expect(planMove(10, 500, 1000)).toEqual({ step: 0, frames: [500] });
    expect(planMove(-1, 0, 1000)).toEqual({ step: 0, frames: [0] });
    expect(planMove(7, 7, 1000)).toEqual({ step: 0, frames: [7] });
  });
});
