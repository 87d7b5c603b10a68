// Frame index <-> SMPTE timecode, the same rules as the server's shared model (io.framewise.model.time):
// the index is the truth, timecode is a view of it that honours the media's start timecode and
// drop-frame flag. Drop-frame skips labels ;00 and ;01 (;00-;03 at 59.94) at the start of every
// minute except each tenth.

export interface Rate {
  num: number;
  den: number;
}

export type FrameDisplay = 'frames' | 'timecode' | 'seconds';

/** "30000/1001", "25/1" or "25" as a rational; null for anything else. */
export function parseRate(text: string | null | undefined): Rate | null {
  if (!text) return null;
  const m = /^\s*(\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const num = Number(m[1]);
  const den = m[2] === undefined ? 1 : Number(m[2]);
  if (!(num > 0) || !(den > 0)) return null;
  return { num, den };
}

export function fps(rate: Rate): number {
  return rate.num / rate.den;
}

/** Frames per timecode second: 30 for 29.97, 24 for 23.976. */
export function timecodeBase(rate: Rate): number {
  return Math.max(1, Math.round(rate.num / rate.den));
}

export function supportsDropFrame(rate: Rate): boolean {
  return rate.den === 1001 && (rate.num === 30000 || rate.num === 60000);
}

function dropPerMinute(rate: Rate): number {
  return timecodeBase(rate) === 60 ? 4 : 2;
}

export interface Timecode {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
  dropFrame: boolean;
}

/** Reads HH:MM:SS:FF, HH:MM:SS;FF (drop-frame), HH:MM:SS.FF or HH;MM;SS;FF. */
export function parseTimecode(text: string): Timecode {
  const s = text.trim();
  let m = /^(\d{1,2}):(\d{2}):(\d{2})([:;.])(\d{2,3})$/.exec(s);
  let drop: boolean;
  let frames: string;
  if (m) {
    drop = m[4] !== ':';
    frames = m[5];
  } else {
    m = /^(\d{1,2});(\d{2});(\d{2});(\d{2,3})$/.exec(s);
    if (!m) throw new Error(`not a timecode: '${text}' (expected HH:MM:SS:FF or HH:MM:SS;FF)`);
    drop = true;
    frames = m[4];
  }
  const tc = { hours: +m[1], minutes: +m[2], seconds: +m[3], frames: +frames, dropFrame: drop };
  if (tc.minutes > 59 || tc.seconds > 59 || tc.hours > 23) throw new Error(`not a timecode: '${text}'`);
  return tc;
}

export function framesPerDay(rate: Rate, dropFrame: boolean): number {
  const base = timecodeBase(rate);
  if (!dropFrame) return 86400 * base;
  return 144 * (600 * base - 9 * dropPerMinute(rate));
}

/** Frames since 00:00:00:00 counting only labels that exist. */
export function toFrameCount(tc: Timecode, rate: Rate): number {
  const base = timecodeBase(rate);
  if (tc.frames >= base) throw new Error(`frames ${tc.frames} out of range at ${base} fps`);
  const totalMinutes = 60 * tc.hours + tc.minutes;
  const nominal = (totalMinutes * 60 + tc.seconds) * base + tc.frames;
  if (!tc.dropFrame || !supportsDropFrame(rate)) return nominal;
  const drop = dropPerMinute(rate);
  if (tc.seconds === 0 && tc.frames < drop && tc.minutes % 10 !== 0) {
    throw new Error(`${formatTimecode(tc)} does not exist in drop-frame timecode`);
  }
  return nominal - drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export function fromFrameCount(count: number, rate: Rate, dropFrame: boolean): Timecode {
  const drop = dropFrame && supportsDropFrame(rate);
  let n = floorMod(count, framesPerDay(rate, drop));
  const base = timecodeBase(rate);
  if (drop) {
    const d = dropPerMinute(rate);
    const perMinute = 60 * base - d;
    const perTen = 600 * base - 9 * d;
    const tens = Math.floor(n / perTen);
    const rest = n % perTen;
    n += 9 * d * tens;
    if (rest >= d) n += d * Math.floor((rest - d) / perMinute);
  }
  const totalSeconds = Math.floor(n / base);
  return {
    hours: Math.floor(totalSeconds / 3600),
    minutes: Math.floor(totalSeconds / 60) % 60,
    seconds: totalSeconds % 60,
    frames: n % base,
    dropFrame: drop,
  };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatTimecode(tc: Timecode): string {
  return `${pad(tc.hours)}:${pad(tc.minutes)}:${pad(tc.seconds)}${tc.dropFrame ? ';' : ':'}${pad(tc.frames)}`;
}

/** What a media item needs to label its frames. */
export interface FrameClock {
  rate: Rate;
  dropFrame: boolean;
  /** Frame count of the start timecode since midnight. */
  startCount: number;
  frameCount: number;
  /**
   * The number frame index 0 shows in frame-number mode: an image sequence's first file number
   * (1001 for a VFX shot), else 0.
   */
  startFrame: number;
}

export function frameClock(
  rateText: string | null | undefined,
  startTimecode: string | null | undefined,
  dropFrame: boolean | null | undefined,
  frameCount: number | null | undefined,
  startFrame: number | null | undefined = 0,
): FrameClock {
  const rate = parseRate(rateText) ?? { num: 25, den: 1 };
  const drop = !!dropFrame && supportsDropFrame(rate);
  let startCount = 0;
  if (startTimecode) {
    try {
      const tc = parseTimecode(startTimecode);
      startCount = toFrameCount({ ...tc, dropFrame: drop }, rate);
    } catch {
      startCount = 0;
    }
  }
  const first = Number.isSafeInteger(startFrame) && (startFrame ?? 0) > 0 ? (startFrame as number) : 0;
  return { rate, dropFrame: drop, startCount, frameCount: Math.max(0, frameCount ?? 0), startFrame: first };
}

/** The frame index a typed frame number names (numbers count from the clock's start frame). */
export function indexOfFrameNumber(number: number, clock: FrameClock): number {
  return number - clock.startFrame;
}

/** The SMPTE label of a frame index. */
export function timecodeOf(index: number, clock: FrameClock): string {
  return formatTimecode(fromFrameCount(clock.startCount + index, clock.rate, clock.dropFrame));
}

/** The frame index a typed label names; labels before the start mean the next day. */
export function indexOfTimecode(text: string, clock: FrameClock): number {
  const tc = parseTimecode(text);
  const count = toFrameCount({ ...tc, dropFrame: clock.dropFrame }, clock.rate);
  return floorMod(count - clock.startCount, framesPerDay(clock.rate, clock.dropFrame));
}

/** Seconds from the first frame to the start of frame {@code index}. */
export function secondsOf(index: number, rate: Rate): number {
  return (index * rate.den) / rate.num;
}

/**
 * The frame a media time falls in. A small epsilon absorbs float error so that the exact start of
 * a frame never reads as the frame before it.
 */
export function frameAtTime(seconds: number, rate: Rate, frameCount: number): number {
  const f = Math.floor((seconds * rate.num) / rate.den + 1e-6);
  return clampFrame(f, frameCount);
}

/** The media time to ask a video element for to show frame {@code index}: the frame's middle. */
export function timeOfFrame(index: number, rate: Rate): number {
  return ((index + 0.5) * rate.den) / rate.num;
}

export function clampFrame(index: number, frameCount: number): number {
  if (frameCount <= 0) return Math.max(0, Math.floor(index));
  return Math.min(frameCount - 1, Math.max(0, Math.floor(index)));
}

export function formatSeconds(index: number, rate: Rate): string {
  return `${secondsOf(index, rate).toFixed(3)} s`;
}

export function formatFrame(index: number, clock: FrameClock, display: FrameDisplay): string {
  switch (display) {
    case 'frames':
      return String(clock.startFrame + index);
    case 'seconds':
      return formatSeconds(index, clock.rate);
    default:
      return timecodeOf(index, clock);
  }
}

/** "1:02" or "1:02:03" for a duration in seconds (library cards). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
