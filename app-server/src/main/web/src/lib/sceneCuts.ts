// Suggested scene markers on the review page: stepping between them with [ and ].

/**
 * The frame of the next (dir 1) or previous (dir -1) cut strictly after / before {@code frame}, or
 * null when there is none that way. {@code frames} need not be sorted.
 */
export function stepCut(frames: readonly number[], frame: number, dir: 1 | -1): number | null {
  let best: number | null = null;
  for (const f of frames) {
    if (dir > 0 ? f > frame && (best === null || f < best) : f < frame && (best === null || f > best)) best = f;
  }
  return best;
}
