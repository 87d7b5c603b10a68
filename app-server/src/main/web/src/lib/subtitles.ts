// Subtitles in the player: which cue is on a frame, and which track shows first. Pure, so the
// frame rule is tested without a browser.
//
// The server places every cue on frames [startFrame, endFrame) by the rule start <= t(n) < end over
// the media's frame map (openapi.json, getSubtitleCues); the player only compares frame indexes, so
// what shows is frame-exact while paused and stepping, not only while the <video> plays.

export interface PlacedCue {
  index: number;
  startFrame: number;
  endFrame: number;
  text: string;
}

/** The cues on frame n, in start order (overlapping cues show together). */
export function cuesAt<T extends PlacedCue>(cues: readonly T[], frame: number): T[] {
  // Cues are sorted by start: stop at the first that starts after the frame.
  const on: T[] = [];
  for (const c of cues) {
    if (c.startFrame > frame) break;
    if (frame < c.endFrame) on.push(c);
  }
  return on;
}

/** The track to show when the review opens: the one marked default, else none (off). */
export function initialTrack(tracks: readonly { id: string; default: boolean; text: boolean }[]): string | null {
  return tracks.find((t) => t.default && t.text)?.id ?? null;
}

/** What a track menu shows for a track. */
export function trackName(t: { label?: string | null; language?: string | null; source: string; text: boolean }): string {
  const name = t.label || t.language || 'Subtitles';
  const from = t.source === 'embedded' ? 'embedded' : 'file';
  return t.text ? `${name} (${from})` : `${name} (picture subtitles, not shown)`;
}

/** The note a cue starts: its frames as the range and its text quoted. */
export function noteOfCue(cue: PlacedCue): { range: { in: number; out: number }; text: string } {
  return { range: { in: cue.startFrame, out: cue.endFrame }, text: `“${cue.text.replace(/\n/g, ' ')}” ` };
}
