import { describe, expect, it } from 'vitest';
import {
  MAX_SUBTITLE_BYTES,
  cuesAt,
  initialTrack,
  languageOfFileName,
  languageProblem,
  mayManageSubtitles,
  noteOfCue,
  subtitleFileProblem,
  trackName,
} from './subtitles';

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

describe('adding subtitle files', () => {
  it('accepts the kinds the server reads, up to its limit', () => {
    expect(subtitleFileProblem({ name: 'film.en.srt', size: 10 })).toBeNull();
    expect(subtitleFileProblem({ name: 'FILM.VTT', size: 10 })).toBeNull();
    expect(subtitleFileProblem({ name: 'a.ass', size: 10 })).toBeNull();
    expect(subtitleFileProblem({ name: 'a.ssa', size: MAX_SUBTITLE_BYTES })).toBeNull();
    expect(subtitleFileProblem({ name: 'a.ssa', size: MAX_SUBTITLE_BYTES + 1 })).toMatch(/2 MiB/);
    expect(subtitleFileProblem({ name: 'a.srt', size: 0 })).toMatch(/empty/);
    expect(subtitleFileProblem({ name: 'notes.txt', size: 10 })).toMatch(/\.srt/);
    expect(subtitleFileProblem({ name: 'srt', size: 10 })).toMatch(/\.srt/);
    expect(subtitleFileProblem(null)).toMatch(/Choose/);
  });

  it('takes language tags as the server does', () => {
    for (const ok of ['', '  ', 'en', 'fra', 'pt-BR', 'zh-Hant-TW']) expect(languageProblem(ok)).toBeNull();
    for (const bad of ['e', 'english language', 'en_US', 'en-', '12', 'x'.repeat(36)]) expect(languageProblem(bad)).not.toBeNull();
  });

  it('reads the language from the usual file names', () => {
    expect(languageOfFileName('Kickoff_meeting.en.srt')).toBe('en');
    expect(languageOfFileName('film.pt-BR.vtt')).toBe('pt-BR');
    expect(languageOfFileName('film.srt')).toBe('');
    expect(languageOfFileName('film.final.srt')).toBe('');
  });

  it('lets editors, owners and administrators manage them, viewers and reviewers not', () => {
    const me = (role: string, isAdmin = false) => ({ isAdmin, projects: [{ id: 'p1', role }] });
    expect(mayManageSubtitles(me('editor'), 'local', 'p1')).toBe(true);
    expect(mayManageSubtitles(me('owner'), 'local', 'p1')).toBe(true);
    expect(mayManageSubtitles(me('viewer'), 'local', 'p1')).toBe(false);
    expect(mayManageSubtitles(me('reviewer'), 'local', 'p1')).toBe(false);
    expect(mayManageSubtitles(me('editor'), 'local', 'p2')).toBe(false);
    expect(mayManageSubtitles(me('viewer', true), 'local', 'p1')).toBe(true);
    expect(mayManageSubtitles(null, 'none', 'p1')).toBe(true);
    expect(mayManageSubtitles(null, 'local', 'p1')).toBe(false);
    expect(mayManageSubtitles(me('editor'), 'local', undefined)).toBe(false);
  });
});
