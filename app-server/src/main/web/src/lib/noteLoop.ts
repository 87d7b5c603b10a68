// Looping between notes and jumping from note to note, kept free of the DOM and the player so the
// order and the ranges can be tested. Only threads count (replies sit on their thread's frame).

/** What the loop needs of a note. */
export interface LoopNote {
  id: string;
  frame: number;
  frameOut?: number | null;
  parentId?: string | null;
  created?: string;
}

export interface FrameRange {
  in: number;
  /** Exclusive. */
  out: number;
}

/** The threads in frame order; notes on one frame in the order they were written. */
export function noteOrder<N extends LoopNote>(notes: readonly N[]): N[] {
  return notes
    .filter((n) => !n.parentId)
    .slice()
    .sort((a, b) => a.frame - b.frame || (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id));
}

/**
 * The frames a note plays in the loop: a range note its range, a frame note `handle` frames either
 * side of its frame (the frame itself included), both within the media's frames.
 */
export function noteRange(n: LoopNote, frameCount: number, handle: number): FrameRange {
  const last = Math.max(0, frameCount - 1);
  const frame = Math.min(Math.max(0, n.frame), last);
  if (n.frameOut != null && n.frameOut > n.frame) {
    return { in: frame, out: Math.max(frame + 1, Math.min(n.frameOut, frameCount)) };
  }
  const h = Math.max(0, Math.floor(handle));
  return { in: Math.max(0, frame - h), out: Math.min(Math.max(frameCount, 1), frame + h + 1) };
}

/** Handle frames for a handle in seconds at a frame rate. */
export function handleFrames(seconds: number, rate: { num: number; den: number }): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.round((seconds * rate.num) / rate.den);
}

/**
 * The note N (dir 1) or Shift+N (dir -1) goes to from `frame`: the first thread after the frame, or
 * the last one before it; null past the last or before the first (no wrapping, as in editors).
 */
export function stepNote<N extends LoopNote>(notes: readonly N[], frame: number, dir: 1 | -1): N | null {
  const order = noteOrder(notes);
  if (dir > 0) return order.find((n) => n.frame > frame) ?? null;
  for (let i = order.length - 1; i >= 0; i--) if (order[i].frame < frame) return order[i];
  return null;
}

export interface LoopStop<N extends LoopNote> {
  note: N;
  range: FrameRange;
}

/**
 * The "loop notes" sequence: each thread's range in frame order, over and over. It starts at the
 * thread on or after the playhead (the first one past the last), and follows edits to the notes
 * without losing its place.
 */
export class NoteLoop<N extends LoopNote> {
  private order: N[] = [];
  private index = -1;

  constructor(
    notes: readonly N[],
    private frameCount: number,
    private handle: number,
  ) {
    this.update(notes);
  }

  get size(): number {
    return this.order.length;
  }

  get current(): LoopStop<N> | null {
    const n = this.order[this.index];
    return n ? this.stop(n) : null;
  }

  /** The first stop: the thread whose range holds `frame`, else the next one, else the first. */
  start(frame: number): LoopStop<N> | null {
    if (this.order.length === 0) return null;
    let i = this.order.findIndex((n) => {
      const r = this.stop(n).range;
      return frame >= r.in && frame < r.out;
    });
    if (i < 0) i = this.order.findIndex((n) => n.frame >= frame);
    this.index = i < 0 ? 0 : i;
    return this.current;
  }

  /** The stop after the current one, from the last back to the first. */
  next(): LoopStop<N> | null {
    if (this.order.length === 0) return null;
    this.index = (this.index + 1) % this.order.length;
    return this.current;
  }

  /** New notes, frame count or handle: the order is made again, the current thread kept if it is still there. */
  update(notes: readonly N[], frameCount = this.frameCount, handle = this.handle): void {
    const currentId = this.order[this.index]?.id;
    this.order = noteOrder(notes);
    this.frameCount = frameCount;
    this.handle = handle;
    const i = currentId ? this.order.findIndex((n) => n.id === currentId) : -1;
    this.index = i >= 0 ? i : Math.min(this.index, this.order.length - 1);
  }

  private stop(note: N): LoopStop<N> {
    return { note, range: noteRange(note, this.frameCount, this.handle) };
  }
}
