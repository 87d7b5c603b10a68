import { describe, expect, it } from 'vitest';
import { cuesAt, initialTrack, noteOfCue, trackName } from './subtitles';

const cues = [
  { index: 0, startFrame: 25, endFrame: 50, text: 'one' },
  { index: 1, startFrame: 40, endFrame: 41, text: 'overlap' },
  { index: 2, startFrame: 63, endFrame: 75, text: 'two' },
];

describe('cuesAt', () => {
  it('shows a cue from its start frame up to, not including, its end frame', () => {
    expect(cuesAt(cues, 24)).toEqual([]);
    expect(cuesAt(cues, 25).map((c) => c.text)).toEqual(['one']);
    expect(cuesAt(cues, 49).map((c) => c.text)).toEqual(['one']);
    expect(cuesAt(cues, 50)).toEqual([]);
    expect(cuesAt(cues, 74).map((c) => c.text)).toEqual(['two']);
    expect(cuesAt(cues, 75)).toEqual([]);
  });
  it('shows overlapping cues together', () => {
    expect(cuesAt(cues, 40).map((c) => c.text)).toEqual(['one', 'overlap']);
  });
});

describe('tracks', () => {
  it('is off unless a text track is marked default', () => {
    expect(initialTrack([{ id: 'a', default: false, text: true }])).toBeNull();
    expect(initialTrack([{ id: 'a', default: false, text: true }, { id: 'b', default: true, text: true }])).toBe('b');
    expect(initialTrack([{ id: 'p', default: true, text: false }])).toBeNull();
  });
  it('names tracks for the menu', () => {
    expect(trackName({ label: 'Français', language: 'fr', source: 'sidecar', text: true })).toBe('Français (file)');
    expect(trackName({ label: null, language: 'eng', source: 'embedded', text: true })).toBe('eng (embedded)');
    expect(trackName({ label: null, language: null, source: 'embedded', text: false })).toContain('not shown');
  });
  it('a cue starts a range note over its frames', () => {
    expect(noteOfCue(cues[2])).toEqual({ range: { in: 63, out: 75 }, text: '“two” ' });
  });
});
