/** How far a move may go and still count as a step (not a jump): two frames, e.g. a key repeat that skipped one. */
export const STEP_AHEAD = 2;

/**
 * How many stills ahead of a step are fetched. At 25 steps/s a still asked three steps before it is
 * wanted has 120 ms to arrive, which covers the server's slow steps (a step back into the previous
 * GOP) without asking for more than a reviewer who lets go would ever see.
 */
export const FETCH_AHEAD = 3;

/** The frames to fetch ahead of `frame` when the reviewer stepped in `step`'s direction. */
export function framesAhead(frame: number, step: number, frameCount: number, depth = STEP_AHEAD): number[] {
  const dir = Math.sign(step);
  const out: number[] = [];
  for (let i = 1; i <= depth && dir !== 0; i++) {
    const f = frame + dir * i;
    if (f < 0 || f >= frameCount) break;
    out.push(f);
  }
  return out;
}

/** What a move of the playhead asks for: the frame itself and, while stepping, the frames ahead of it. */
export interface StepPlan {
  /** -1 or 1 while stepping, 0 after a jump or the first picture. */
  step: number;
  /** The frame wanted now, then the frames to fetch ahead, nearest first. */
  frames: number[];
}

/**
 * The stills to want after moving from `from` (-1: nothing shown yet) to `to`. Every request for a
 * still not in the plan is cancelled by the caller: after a turn the frames ahead in the old
 * direction, after a jump all of them, and while stepping on the frames already passed.
 */
export function planMove(from: number, to: number, frameCount: number, depth = FETCH_AHEAD): StepPlan {
  const d = to - from;
  const step = from >= 0 && d !== 0 && Math.abs(d) <= STEP_AHEAD ? Math.sign(d) : 0;
  return { step, frames: [to, ...framesAhead(to, step, frameCount, depth)] };
}
