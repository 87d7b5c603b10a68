import { urls } from './api/api';

/** How many stills ahead of a step are fetched: two keep a held arrow key (25 steps/s) fed. */
export const STEP_AHEAD = 2;

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

/**
 * Starts loading the stills ahead into the browser's HTTP cache (the server marks stills immutable,
 * so the step that asks for one next is answered from the cache). Returns the images so the caller
 * can cancel them when the reviewer turns round or jumps.
 */
export function prefetchStills(mediaId: string, frame: number, step: number, frameCount: number): HTMLImageElement[] {
  return framesAhead(frame, step, frameCount).map((f) => {
    const img = new Image();
    img.src = urls.frame(mediaId, f);
    return img;
  });
}
