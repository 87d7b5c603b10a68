import { describe, expect, it } from 'vitest';
import { framesAhead } from './prefetch';

describe('stills fetched ahead of a step', () => {
  it('follows the stepping direction and stays inside the media', () => {
    expect(framesAhead(10, 1, 100)).toEqual([11, 12]);
    expect(framesAhead(10, -1, 100)).toEqual([9, 8]);
    expect(framesAhead(98, 1, 100)).toEqual([99]);
    expect(framesAhead(0, -1, 100)).toEqual([]);
    expect(framesAhead(10, 0, 100)).toEqual([]);
    expect(framesAhead(10, 5, 100)).toEqual([11, 12]);
  });
});
