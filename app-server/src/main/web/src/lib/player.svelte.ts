import { clampFrame, frameAtTime, frameClock, timeOfFrame, type FrameClock } from './timecode';
import type { Media } from './api/types';
import { loopRange, nextShuttle, staleAfterSeek, wrapLoop } from './shuttle';
import { urls } from './api/api';
import { attachSource, hlsUrl, type AttachedSource, type SourceKind } from './hls';
import type { StillState } from './stillLoader';

/** What the local user did, for a live session to pass on when this player drives. */
export type PlayerAction =
  | { type: 'play'; frame: number }
  | { type: 'pause'; frame: number }
  | { type: 'seek'; frame: number }
  | { type: 'step'; delta: number }
  | { type: 'rate'; rate: number }
  | { type: 'loop'; in: number; out: number }
  | { type: 'loop.clear' };

/**
 * The review player's state. The frame index here is the truth: the video element plays, but
 * whenever playback stops the index is fixed and the picture shown is the server's still for that
 * index. Notes take this index, never the element's currentTime.
 */
export class Player {
  frame = $state(0);
  playing = $state(false);
  /** Shuttle speed; negative plays backwards (by seeking, as browsers cannot play in reverse). */
  rate = $state(1);
  markIn = $state<number | null>(null);
  markOut = $state<number | null>(null);
  looping = $state(false);
  clock: FrameClock = $state(frameClock(null, null, false, 0));
  mediaId = $state<string | null>(null);
  /** How the video plays: the single file, or the HLS ladder through hls.js or the browser. */
  source = $state<SourceKind>('file');

  /**
   * The frame whose still is on screen (null while playing or before the first): a held step key
   * waits for it when the index has run too far ahead (keys.ts).
   */
  shownStill: number | null = null;
  /** Where the viewer has the still of a frame (set by the viewer): a held step key asks (keys.ts). */
  stillState: ((frame: number) => StillState) | null = null;

  video: HTMLVideoElement | null = null;
  /** Called for actions taken here (not for state applied from a live session). */
  onAction: ((a: PlayerAction) => void) | null = null;
  /**
   * Asked when playback reaches the loop's out point: a range to play next ("loop notes" moves on to
   * the next note's range), or null to go round the same loop again.
   */
  onLoopEnd: (() => { in: number; out: number } | null) | null = null;
  /** Other videos kept on this player's frame (compare). */
  followers = new Set<HTMLVideoElement>();

  private raf = 0;
  /** The frame the browser last put on screen while playing (from its video frame callback). */
  private presented: number | null = null;
  /** The frame the video element was last sent to, until a picture from there is presented. */
  private seekedTo: number | null = null;
  /** Only the newest frame-callback chain keeps going (play, pause, play quickly starts a second). */
  private chain = 0;
  private reverseFrom = { frame: 0, at: 0 };
  private media: Media | null = null;
  private attached: AttachedSource | null = null;
  private attachedTo: HTMLVideoElement | null = null;
  /** Only the newest source request takes effect (hls.js loads asynchronously). */
  private sourceRequest = 0;
  /** The source being attached right now (hls.js loading), so a repeated request does not start another. */
  private pending: { video: HTMLVideoElement | null; url: string | null } | null = null;

  get frameCount(): number {
    return this.clock.frameCount;
  }

  get loop(): { in: number; out: number } | null {
    return this.looping ? loopRange(this.markIn, this.markOut, this.frameCount) : null;
  }

  load(media: Media): void {
    // Audio has no frames of its own: it is counted in frames of the default rate, so notes,
    // loops and the timeline work the same way.
    const count = media.frameCount || Math.round((media.durationSeconds ?? 0) * 25);
    this.clock = frameClock(media.frameRate, media.startTimecode, media.dropFrame, count, media.startFrame);
    this.mediaId = media.id;
    this.shownStill = null;
    this.frame = clampFrame(this.frame, this.frameCount);
    this.media = media;
    // After the page has rendered the new item (its video element's file source included).
    setTimeout(() => void this.connectSource(), 0);
  }

  attach(video: HTMLVideoElement | null): void {
    this.video = video;
    void this.connectSource();
    if (video) {
      video.addEventListener('loadedmetadata', () => this.syncVideo(this.frame));
      video.addEventListener('ended', () => {
        if (this.playing && this.rate > 0) this.stopAt(this.frameCount - 1, true);
      });
    }
  }

  /** Plays the item's HLS ladder when it has one (see hls.ts), else leaves the element on its file. */
  private async connectSource(): Promise<void> {
    const video = this.video;
    const media = this.media;
    const url = video && media ? hlsUrl(media) : null;
    if (this.attached && this.attachedTo === video && this.attached.url === url) return;
    const key = { video, url };
    if (this.pending && this.pending.video === video && this.pending.url === url) return;
    const request = ++this.sourceRequest;
    this.releaseSource();
    if (!video || !media) return;
    const fileUrl = urls.stream(media.id);
    if (!url) {
      if (!video.src.endsWith(fileUrl)) video.src = fileUrl;
      video.dataset.source = this.source = 'file';
      return;
    }
    this.pending = key;
    const wanted = () => request === this.sourceRequest && this.video === video;
    const attached = await attachSource(video, media, wanted);
    if (this.pending === key) this.pending = null;
    if (!attached) return;
    if (!wanted()) {
      attached.detach();
      return;
    }
    this.attached = attached;
    this.attachedTo = video;
    this.source = attached.kind;
  }

  private releaseSource(): void {
    this.attached?.detach();
    this.attached = null;
    this.attachedTo = null;
    this.source = 'file';
  }

  private emit(a: PlayerAction): void {
    this.onAction?.(a);
  }

  private syncVideo(frame: number): void {
    this.presented = null;
    this.seekedTo = null;
    const t = timeOfFrame(frame, this.clock.rate);
    for (const v of [this.video, ...this.followers]) {
      if (v && v.readyState >= 1 && Math.abs(v.currentTime - t) > 0.25 / (this.clock.rate.num / this.clock.rate.den)) {
        v.currentTime = t;
        if (v === this.video) this.seekedTo = frame;
      }
    }
  }

  play(local = true, rate = this.rate > 0 ? this.rate : 1): void {
    if (this.frameCount <= 0) return;
    if (this.frame >= this.frameCount - 1 && rate > 0) this.frame = this.loop?.in ?? 0;
    this.rate = rate;
    this.playing = true;
    if (rate > 0) {
      this.syncVideo(this.frame);
      for (const v of [this.video, ...this.followers]) {
        if (!v) continue;
        v.playbackRate = rate;
        v.play().catch((e: unknown) => this.playMuted(v, e));
      }
    } else {
      this.video?.pause();
      this.followers.forEach((v) => v.pause());
      this.reverseFrom = { frame: this.frame, at: performance.now() };
    }
    if (local) this.emit({ type: 'play', frame: this.frame });
    this.watchPresentedFrames();
    this.startTicking();
  }

  /** Set when the browser refused to play with sound (no click yet on this page): playing muted. */
  mutedByBrowser = $state(false);

  /**
   * Browsers refuse sound until the user has clicked the page; a follower who joined a live session
   * by link has not. Playing muted keeps the picture in sync, and the page offers to unmute.
   */
  private playMuted(v: HTMLVideoElement, e: unknown): void {
    if ((e as { name?: string } | null)?.name !== 'NotAllowedError' || v.muted || !this.playing) return;
    v.muted = true;
    if (v === this.video) this.mutedByBrowser = true;
    v.play().catch(() => {});
  }

  unmute(): void {
    if (this.video) this.video.muted = false;
    this.mutedByBrowser = false;
  }

  pause(local = true): void {
    if (!this.playing) return;
    // The frame shown when the user stopped becomes the index; the still replaces the video.
    const at =
      this.rate > 0 && this.video
        ? (this.presented ?? frameAtTime(this.video.currentTime, this.clock.rate, this.frameCount))
        : this.frame;
    this.stopAt(at, local);
  }

  private stopAt(frame: number, local: boolean): void {
    this.playing = false;
    this.video?.pause();
    this.followers.forEach((v) => v.pause());
    cancelAnimationFrame(this.raf);
    this.frame = clampFrame(frame, this.frameCount);
    this.syncVideo(this.frame);
    if (local) this.emit({ type: 'pause', frame: this.frame });
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play(true, 1);
  }

  seek(frame: number, local = true): void {
    this.frame = clampFrame(frame, this.frameCount);
    this.syncVideo(this.frame);
    if (this.playing && this.rate < 0) this.reverseFrom = { frame: this.frame, at: performance.now() };
    if (local) this.emit({ type: 'seek', frame: this.frame });
  }

  step(delta: number): void {
    if (this.playing) this.pause();
    const target = clampFrame(this.frame + delta, this.frameCount);
    const moved = target - this.frame;
    this.frame = target;
    this.syncVideo(target);
    if (moved !== 0) this.emit({ type: 'step', delta: moved });
  }

  shuttle(key: 'j' | 'k' | 'l'): void {
    if (key === 'k') {
      this.pause();
      this.rate = 1;
      return;
    }
    const rate = nextShuttle(this.rate, this.playing, key);
    const wasPlaying = this.playing && Math.sign(this.rate) === Math.sign(rate);
    if (wasPlaying && rate > 0) {
      this.rate = rate;
      [this.video, ...this.followers].forEach((v) => v && (v.playbackRate = rate));
      this.emit({ type: 'rate', rate });
    } else if (wasPlaying) {
      this.reverseFrom = { frame: this.frame, at: performance.now() };
      this.rate = rate;
    } else {
      if (this.playing) this.pause();
      if (rate > 0) this.emit({ type: 'rate', rate });
      this.play(rate > 0, rate);
    }
  }

  setIn(): void {
    this.markIn = this.frame;
    if (this.markOut !== null && this.markOut < this.frame) this.markOut = null;
    this.loopChanged();
  }

  setOut(): void {
    this.markOut = this.frame;
    if (this.markIn !== null && this.markIn > this.frame) this.markIn = null;
    this.looping = true;
    this.loopChanged();
  }

  setLoop(range: { in: number; out: number } | null, local = true): void {
    if (range) {
      this.markIn = range.in;
      this.markOut = range.out - 1;
      this.looping = true;
    } else {
      this.looping = false;
    }
    if (local) this.loopChanged();
  }

  toggleLoop(): void {
    this.looping = !this.looping;
    this.loopChanged();
  }

  clearMarks(): void {
    this.markIn = this.markOut = null;
    this.looping = false;
    this.loopChanged();
  }

  private loopChanged(): void {
    const l = this.loop;
    this.emit(l ? { type: 'loop', in: l.in, out: l.out } : { type: 'loop.clear' });
  }

  private startTicking(): void {
    cancelAnimationFrame(this.raf);
    const tick = () => {
      if (!this.playing) return;
      if (this.rate > 0 && this.video) {
        let f = this.presented ?? frameAtTime(this.video.currentTime, this.clock.rate, this.frameCount);
        const loop = this.loop;
        let wrapped = wrapLoop(f, loop);
        if (wrapped !== f) {
          const next = this.onLoopEnd?.() ?? null;
          if (next) {
            this.setLoop(next);
            wrapped = next.in;
          }
          f = wrapped;
          this.syncVideo(f);
          this.video.play().catch(() => {});
        }
        this.frame = f;
        for (const v of this.followers) {
          const t = this.video.currentTime;
          if (Math.abs(v.currentTime - t) > 2 / (this.clock.rate.num / this.clock.rate.den)) v.currentTime = t;
        }
      } else if (this.rate < 0) {
        const elapsed = (performance.now() - this.reverseFrom.at) / 1000;
        const f = Math.round(this.reverseFrom.frame + elapsed * this.rate * (this.clock.rate.num / this.clock.rate.den));
        if (f <= 0) {
          this.stopAt(0, true);
          return;
        }
        this.frame = f;
        this.syncVideo(f);
      }
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  /**
   * While playing, the browser tells which frame it presented (its media time), which can trail
   * currentTime by a frame; pausing then keeps the frame the reviewer actually saw.
   */
  private watchPresentedFrames(): void {
    const v = this.video as (HTMLVideoElement & { requestVideoFrameCallback?: FrameCallbackHost['request'] }) | null;
    if (!v || typeof v.requestVideoFrameCallback !== 'function' || this.rate <= 0) return;
    const gen = ++this.chain;
    const onFrame: FrameCallback = (_now, meta) => {
      if (gen !== this.chain || !this.playing || this.rate <= 0 || this.video !== v) return;
      const f = frameAtTime(meta.mediaTime, this.clock.rate, this.frameCount);
      // A picture presented before the last seek landed (its callback was already queued) is not
      // where playback is: showing it would flash a frame from before the jump.
      if (this.seekedTo === null || !staleAfterSeek(f, this.seekedTo)) {
        this.seekedTo = null;
        this.presented = f;
      }
      v.requestVideoFrameCallback!(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.playing = false;
    this.sourceRequest++;
    this.pending = null;
    this.releaseSource();
  }
}

type FrameCallback = (now: number, metadata: { mediaTime: number }) => void;
interface FrameCallbackHost {
  request(callback: FrameCallback): number;
}
