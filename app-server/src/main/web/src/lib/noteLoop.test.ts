import { describe, expect, it } from 'vitest';
import { handleFrames, NoteLoop, noteOrder, noteRange, stepNote, type LoopNote } from './noteLoop';

const notes: LoopNote[] = [
  { id: 'c', frame: 90, created: '2026-01-01T00:00:03Z' },
  { id: 'a', frame: 10, frameOut: 20, created: '2026-01-01T00:00:01Z' },
  { id: 'r', frame: 10, parentId: 'a', created: '2026-01-01T00:00:05Z' },
  { id: 'b', frame: 40, created: '2026-01-01T00:00:02Z' },
  { id: 'b2', frame: 40, created: '2026-01-01T00:00:01Z' },
];

describe('note order', () => {
  it('keeps threads only, by frame, then by when they were written', () => {
    expect(noteOrder(notes).map((n) => n.id)).toEqual(['a', 'b2', 'b', 'c']);
  });
});

describe('note ranges', () => {
  it('plays a range note over its range, out exclusive', () => {
    expect(noteRange(notes[1], 100, 25)).toEqual({ in: 10, out: 20 });
  });
  it('plays a frame note with a handle either side, inside the media', () => {
    expect(noteRange({ id: 'x', frame: 40 }, 100, 25)).toEqual({ in: 15, out: 66 });
    expect(noteRange({ id: 'x', frame: 3 }, 100, 25)).toEqual({ in: 0, out: 29 });
    expect(noteRange({ id: 'x', frame: 95 }, 100, 25)).toEqual({ in: 70, out: 100 });
    expect(noteRange({ id: 'x', frame: 40 }, 100, 0)).toEqual({ in: 40, out: 41 });
  });
  it('clips a range past the end and never gives an empty one', () => {
    expect(noteRange({ id: 'x', frame: 90, frameOut: 500 }, 100, 5)).toEqual({ in: 90, out: 100 });
    expect(noteRange({ id: 'x', frame: 150 }, 100, 0)).toEqual({ in: 99, out: 100 });
  });
  it('turns a handle in seconds into frames at the media rate', () => {
    expect(handleFrames(1, { num: 30000, den: 1001 })).toBe(30);
    expect(handleFrames(0.5, { num: 25, den: 1 })).toBe(13);
    expect(handleFrames(-1, { num: 25, den: 1 })).toBe(0);
    expect(handleFrames(Number.NaN, { num: 25, den: 1 })).toBe(0);
  });
});

describe('N and Shift+N', () => {
  it('go to the next and previous thread, not past the ends', () => {
    expect(stepNote(notes, 0, 1)?.id).toBe('a');
    expect(stepNote(notes, 10, 1)?.id).toBe('b2');
    expect(stepNote(notes, 40, 1)?.id).toBe('c');
    expect(stepNote(notes, 90, 1)).toBeNull();
    expect(stepNote(notes, 90, -1)?.id).toBe('b');
    expect(stepNote(notes, 40, -1)?.id).toBe('a');
    expect(stepNote(notes, 10, -1)).toBeNull();
    expect(stepNote([], 10, 1)).toBeNull();
  });
});

describe('loop notes', () => {
  it('plays each thread in frame order, over and over', () => {
    const loop = new NoteLoop(notes, 100, 2);
    expect(loop.start(0)).toEqual({ note: notes[1], range: { in: 10, out: 20 } });
    const seen = [loop.next(), loop.next(), loop.next(), loop.next()].map((s) => [s?.note.id, s?.range.in, s?.range.out]);
    expect(seen).toEqual([
      ['b2', 38, 43],
      ['b', 38, 43],
      ['c', 88, 93],
      ['a', 10, 20],
    ]);
  });
  it('starts at the thread under the playhead, else the next, else the first', () => {
    const loop = new NoteLoop(notes, 100, 2);
    expect(loop.start(15)?.note.id).toBe('a');
    expect(loop.start(25)?.note.id).toBe('b2');
    expect(loop.start(89)?.note.id).toBe('c');
    expect(loop.start(95)?.note.id).toBe('a');
  });
  it('keeps its place when notes change, and is empty without threads', () => {
    const loop = new NoteLoop(notes, 100, 2);
    loop.start(40);
    loop.next();
    expect(loop.current?.note.id).toBe('b');
    loop.update([...notes, { id: 'early', frame: 1 }]);
    expect(loop.current?.note.id).toBe('b');
    expect(loop.next()?.note.id).toBe('c');
    loop.update(notes.filter((n) => n.id !== 'c'));
    expect(loop.next()?.note.id).toBe('a');
    const none = new NoteLoop([], 100, 2);
    expect(none.start(0)).toBeNull();
    expect(none.next()).toBeNull();
    expect(none.size).toBe(0);
  });
  it('uses a new handle from the next stop on', () => {
    const loop = new NoteLoop(notes, 100, 2);
    loop.start(40);
    loop.update(notes, 100, 10);
    expect(loop.current?.range).toEqual({ in: 30, out: 51 });
  });
});
