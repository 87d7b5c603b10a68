import type { Media } from './api/types';
import { urls } from './api/api';
import { STEP_AHEAD } from './prefetch';

/**
 * Progressive stills after a jump (ADR 0051). The exact still of a far frame of a long-GOP original
 * takes the server half a second to decode; the item's seek proxy (every frame a keyframe, small)
 * answers the same frame in milliseconds. So a jump asks for both: the seek proxy's picture goes on
 * screen first, the exact still replaces it when it comes. Both carry the frame index they show,
 * and an answer is only put on screen for the frame wanted right now: a late picture of an earlier
 * jump never shows, and a late seek picture never replaces the exact still of its frame.
 */
export type StillSource = 'seek' | 'exact';

export interface ShownStill {
  frame: number;
  source: StillSource;
}

/** Whether the item has a finished seek proxy to ask for quick stills. */
export function hasSeekProxy(media: Pick<Media, 'renditions'> | null | undefined): boolean {
  return !!media?.renditions?.some((r) => r.kind === 'seek_proxy' && r.status === 'ready');
}

/**
 * Whether moving from `from` to `to` is a jump (timeline click or drag, a note, a marker) rather
 * than stepping: steps are answered from the frames the server keeps decoded and from stills
 * fetched ahead, so a quick picture would only add a request.
 */
export function isJump(from: number, to: number): boolean {
  return from < 0 || Math.abs(to - from) > STEP_AHEAD;
}

/** Whether an answer showing `answer` may go on screen, with `wanted` asked for and `shown` showing. */
export function mayShow(wanted: number, answer: ShownStill, shown: ShownStill | null): boolean {
  if (answer.frame !== wanted) return false;
  if (answer.source === 'exact') return true;
  return !(shown && shown.frame === answer.frame && shown.source === 'exact');
}

/** The seek proxy's still of frame `n`, as JPEG at its own size. */
export function seekStillUrl(mediaId: string, n: number): string {
  return `${urls.frame(mediaId, n)}&source=seek`;
}
