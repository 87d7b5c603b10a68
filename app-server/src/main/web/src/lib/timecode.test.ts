import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatFrame,
  frameAtTime,
  frameClock,
  indexOfFrameNumber,
  indexOfTimecode,
  parseRate,
  timeOfFrame,
  timecodeOf,
} from './timecode';

describe('timecode', () => {
  const df = frameClock('30000/1001', '01:00:00;00', true, 100000);

  it('labels 29.97 drop-frame indices from a start timecode, skipping ;00 and ;01 each minute', () => {
    expect(timecodeOf(0, df)).toBe('01:00:00;00');
    expect(timecodeOf(29, df)).toBe('01:00:00;29');
    expect(timecodeOf(1799, df)).toBe('01:00:59;29');
    expect(timecodeOf(1800, df)).toBe('01:01:00;02');
    // every tenth minute keeps its ;00
    expect(timecodeOf(17982, df)).toBe('01:10:00;00');
  });

  it('reads a label back to the same index', () => {
    for (const n of [0, 1, 1799, 1800, 1801, 17981, 17982, 53999, 99999]) {
      expect(indexOfTimecode(timecodeOf(n, df), df)).toBe(n);
    }
  });

  it('refuses a label drop-frame skips', () => {
    expect(() => indexOfTimecode('01:01:00;00', df)).toThrow(/does not exist/);
  });

  it('uses non-drop labels at 25 fps and honours the start', () => {
    const pal = frameClock('25/1', '10:00:00:00', false, 1000);
    expect(timecodeOf(0, pal)).toBe('10:00:00:00');
    expect(timecodeOf(25 * 61 + 3, pal)).toBe('10:01:01:03');
    expect(indexOfTimecode('10:00:01:00', pal)).toBe(25);
  });

  it('numbers an image sequence from its first file in frame mode and times it from there', () => {
    const shot = frameClock('24/1', '00:00:41:17', false, 12, 1001);
    expect(formatFrame(0, shot, 'frames')).toBe('1001');
    expect(formatFrame(4, shot, 'frames')).toBe('1005');
    expect(formatFrame(0, shot, 'timecode')).toBe('00:00:41:17');
    expect(indexOfFrameNumber(1005, shot)).toBe(4);
    const movie = frameClock('25/1', null, false, 10);
    expect(formatFrame(3, movie, 'frames')).toBe('3');
    expect(indexOfFrameNumber(3, movie)).toBe(3);
  });

  it('wraps at 24 hours', () => {
    const late = frameClock('25', '23:59:59:24', false, 10);
    expect(timecodeOf(1, late)).toBe('00:00:00:00');
  });

  it('ignores a drop-frame flag at rates without drop-frame', () => {
    const c = frameClock('25/1', null, true, 10);
    expect(timecodeOf(1, c)).toBe('00:00:00:01');
  });

  it('maps media time to frames with the exact rational and back', () => {
    const rate = parseRate('30000/1001')!;
    expect(frameAtTime(0, rate, 100)).toBe(0);
    expect(frameAtTime(1001 / 30000, rate, 100)).toBe(1);
    expect(frameAtTime(1001 / 30000 - 1e-4, rate, 100)).toBe(0);
    expect(frameAtTime(1000, rate, 100)).toBe(99);
    for (const n of [0, 1, 57, 99]) expect(frameAtTime(timeOfFrame(n, rate), rate, 100)).toBe(n);
  });

  it('formats frames, timecode and seconds', () => {
    expect(formatFrame(30, df, 'frames')).toBe('30');
    expect(formatFrame(30, df, 'timecode')).toBe('01:00:01;00');
    expect(formatFrame(30, df, 'seconds')).toBe('1.001 s');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(65.4)).toBe('1:05');
  });

  it('refuses malformed rates', () => {
    expect(parseRate('abc')).toBeNull();
    expect(parseRate('30/0')).toBeNull();
    expect(parseRate('24000/1001')).toEqual({ num: 24000, den: 1001 });
  });
});
