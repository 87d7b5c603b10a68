import { describe, expect, it } from 'vitest';
import { authorsOf, countKept, defaultForm, exportProblem, markersUrl } from './markers';
import type { Note } from './api/types';

const note = (id: string, over: Partial<Note>): Note =>
  ({
    id,
    mediaId: 'M',
    parentId: null,
    frame: 0,
    frameOut: null,
    text: id,
    drawing: null,
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    authorId: 'ann',
    authorName: 'Ann',
    created: '2026-01-01T00:00:00Z',
    edited: null,
    guest: false,
    ...over,
  }) as Note;

const NOTES = [
  note('a', { frame: 3 }),
  note('b', { frame: 40, frameOut: 61, resolved: true, authorId: 'bob', authorName: 'Bob' }),
  note('r', { frame: 3, parentId: 'a', authorId: 'cy', authorName: 'Cy' }),
  note('c', { frame: 120 }),
];

describe('export notes form', () => {
  it('builds the markers URL with every filter, authors repeated', () => {
    const form = { ...defaultForm(), format: 'fcpxml' as const, status: 'open' as const, authors: ['ann', 'guest:x y'], from: ' 10 ', to: '200' };
    expect(markersUrl('M 1', form)).toBe('/api/media/M%201/markers?format=fcpxml&status=open&author=ann&author=guest%3Ax+y&from=10&to=200');
    expect(markersUrl('M', defaultForm())).toBe('/api/media/M/markers?format=resolve-edl&status=all');
  });

  it('offers the authors who started threads, not those who only replied', () => {
    expect(authorsOf(NOTES, (id) => id)).toEqual([
      { id: 'ann', name: 'Ann' },
      { id: 'bob', name: 'Bob' },
    ]);
  });

  it('counts the threads the server will export', () => {
    expect(countKept(NOTES, defaultForm())).toBe(3);
    expect(countKept(NOTES, { ...defaultForm(), status: 'resolved' })).toBe(1);
    expect(countKept(NOTES, { ...defaultForm(), authors: ['bob'] })).toBe(1);
    expect(countKept(NOTES, { ...defaultForm(), from: '50', to: '100' })).toBe(1);
    expect(countKept(NOTES, { ...defaultForm(), from: '61', to: '119' })).toBe(0);
  });

  it('names a wrong range before asking the server', () => {
    expect(exportProblem(defaultForm())).toBeNull();
    expect(exportProblem({ ...defaultForm(), from: '-1' })).toMatch(/whole numbers/);
    expect(exportProblem({ ...defaultForm(), to: '1.5' })).toMatch(/whole numbers/);
    expect(exportProblem({ ...defaultForm(), from: '9', to: '3' })).toMatch(/must not end before/);
  });
});
