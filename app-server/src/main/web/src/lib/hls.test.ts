import { describe, expect, it } from 'vitest';
import { chooseSource, hlsUrl } from './hls';

const ladder = { kind: 'hls' as const, status: 'ready', url: '/api/media/m1/hls/master.m3u8' };
const original = { kind: 'original' as const, status: 'ready', url: '/api/media/m1/stream?rendition=original' };

describe('hlsUrl', () => {
  it('is the master playlist of a finished ladder', () => {
    expect(hlsUrl({ renditions: [original, ladder] })).toBe('/api/media/m1/hls/master.m3u8');
  });
  it('is null without a ladder or while it is being made', () => {
    expect(hlsUrl({ renditions: [original] })).toBeNull();
    expect(hlsUrl({ renditions: [original, { ...ladder, status: 'processing' }] })).toBeNull();
    expect(hlsUrl(null)).toBeNull();
  });
});

describe('chooseSource', () => {
  it('plays the file when there is no ladder', () => {
    expect(chooseSource(null, true, true)).toBe('file');
  });
  it('prefers hls.js over Media Source Extensions, then native HLS, then the file', () => {
    expect(chooseSource('/m.m3u8', true, true)).toBe('hls.js');
    expect(chooseSource('/m.m3u8', false, true)).toBe('hls.js');
    expect(chooseSource('/m.m3u8', true, false)).toBe('native-hls');
    expect(chooseSource('/m.m3u8', false, false)).toBe('file');
  });
});
