import { describe, expect, it } from 'vitest';
import { isImportable, parseOffset, summarize } from './noteImport';
import type { NoteImport } from './api/types';

describe('note import helpers', () => {
  it('takes the interchange file endings in any case', () => {
    expect(isImportable('cut v3.EDL')).toBe(true);
    expect(isImportable('markers.fcpxml')).toBe(true);
    expect(isImportable('timeline.otio')).toBe(true);
    expect(isImportable('picture.png')).toBe(false);
  });

  it('reads the offset as whole frames and refuses anything else', () => {
    expect(parseOffset('')).toBe(0);
    expect(parseOffset(' -24 ')).toBe(-24);
    expect(parseOffset('+5')).toBe(5);
    expect(typeof parseOffset('1.5')).toBe('string');
    expect(typeof parseOffset('abc')).toBe('string');
    expect(typeof parseOffset('99999999999')).toBe('string');
  });

  it('sums up a dry run and an import', () => {
    const base: NoteImport = { format: 'cmx3600', dryRun: true, created: 1, existing: 0, skipped: [], notes: [] };
    expect(summarize(base)).toBe('1 note would be created');
    expect(summarize({ ...base, dryRun: false, created: 3, existing: 2, skipped: [{ line: 4, reason: 'x' }] })).toBe(
      '3 notes created · 2 already imported · 1 skipped',
    );
  });
});
