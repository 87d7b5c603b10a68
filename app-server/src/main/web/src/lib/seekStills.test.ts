import { describe, expect, it } from 'vitest';
import { hasSeekProxy, isJump, mayShow, seekStillUrl } from './seekStills';

describe('stills after a jump', () => {
  it('shows only pictures of the frame wanted now', () => {
    expect(mayShow(40, { frame: 40, source: 'seek' }, { frame: 7, source: 'exact' })).toBe(true);
    expect(mayShow(40, { frame: 40, source: 'exact' }, { frame: 40, source: 'seek' })).toBe(true);
    expect(mayShow(41, { frame: 40, source: 'seek' }, null)).toBe(false);
    expect(mayShow(41, { frame: 40, source: 'exact' }, { frame: 7, source: 'exact' })).toBe(false);
  });

  it('never lets a late seek picture replace the exact still of its frame', () => {
    expect(mayShow(40, { frame: 40, source: 'seek' }, { frame: 40, source: 'exact' })).toBe(false);
    expect(mayShow(40, { frame: 40, source: 'seek' }, { frame: 40, source: 'seek' })).toBe(true);
  });

  it('counts far moves as jumps and single steps not', () => {
    expect(isJump(-1, 0)).toBe(true);
    expect(isJump(10, 11)).toBe(false);
    expect(isJump(10, 8)).toBe(false);
    expect(isJump(10, 500)).toBe(true);
  });

  it('knows a seek proxy only when it is ready', () => {
    const r = (status: string) => ({ kind: 'seek_proxy' as const, status, url: '/api/media/m/frames?source=seek' });
    expect(hasSeekProxy({ renditions: [r('ready')] })).toBe(true);
    expect(hasSeekProxy({ renditions: [r('processing')] })).toBe(false);
    expect(hasSeekProxy(null)).toBe(false);
    expect(seekStillUrl('m', 12)).toBe('/api/media/m/frames/12?format=jpeg&source=seek');
  });
});
