// J/K/L shuttle and live-session clock arithmetic, kept free of the DOM so they can be tested.

export const SHUTTLE_SPEEDS = [1, 2, 4, 8];

/** The next shuttle rate after pressing L (forward) or J (back); repeated presses go faster. */
export function nextShuttle(current: number, playing: boolean, key: 'j' | 'l'): number {
  const dir = key === 'l' ? 1 : -1;
  if (!playing || Math.sign(current) !== dir) return dir;
  const i = SHUTTLE_SPEEDS.indexOf(Math.abs(current));
  const next = SHUTTLE_SPEEDS[Math.min(SHUTTLE_SPEEDS.length - 1, i < 0 ? 0 : i + 1)];
  return dir * next;
}

export interface LiveState {
  playing: boolean;
  frame: number;
  anchor: number;
  rate: number;
  frameCount: number;
  frameRate: { num: number; den: number };
  loop: { in: number; out: number } | null;
}

/** The frame a live session shows at a server time: the server's PlaybackState.frameAt. */
export function liveFrameAt(s: LiveState, serverNow: number): number {
  if (!s.playing) return s.frame;
  const elapsed = Math.max(0, serverNow - s.anchor);
  const advanced = (elapsed * s.rate * s.frameRate.num) / (1000 * s.frameRate.den);
  const position = s.frame + Math.floor(advanced);
  if (s.loop && s.frame < s.loop.out && position >= s.loop.out) {
    const length = s.loop.out - s.loop.in;
    return s.loop.in + ((position - s.loop.out) % length);
  }
  return Math.min(position, s.frameCount - 1);
}

/** Where playback wraps: past the loop's out point (exclusive) it goes back to the in point. */
export function wrapLoop(frame: number, loop: { in: number; out: number } | null): number {
  if (!loop || frame < loop.out) return frame;
  return loop.in;
}

/** A loop range from I and O marks: out is exclusive, so the frame marked O is still played. */
export function loopRange(markIn: number | null, markOut: number | null, frameCount: number): { in: number; out: number } | null {
  if (markIn === null && markOut === null) return null;
  const a = markIn ?? 0;
  const b = markOut === null ? frameCount : markOut + 1;
  const lo = Math.max(0, Math.min(a, b - 1));
  const hi = Math.min(frameCount, Math.max(b, lo + 1));
  return hi > lo ? { in: lo, out: hi } : null;
}

/**
 * Whether a picture the browser reports as presented after the player sent the video to `seekedTo`
 * comes from before that seek: a frame callback already queued when the seek was asked for. The
 * first picture after a seek is at its target or one before (browsers trail a fresh seek by one) and
 * at most a few frames past it when playing fast; anything else is the old position.
 */
export function staleAfterSeek(presented: number, seekedTo: number): boolean {
  return presented < seekedTo - 1 || presented > seekedTo + 12;
}
