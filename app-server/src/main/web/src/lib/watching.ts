// What a guest watched, for the link's analytics: while the player plays, the frames it passes are
// collected into one range per report, and every ~10 s the page sends that range and the seconds it
// took (POST /api/guest/heartbeat). A jump (seek, loop) ends the range early so ranges stay true.

export interface Heartbeat {
  mediaId: string;
  fromFrame: number;
  toFrame: number;
  seconds: number;
}

export class WatchTracker {
  private range: { mediaId: string; from: number; to: number; since: number } | null = null;
  private last: number | null = null;

  constructor(
    private readonly send: (h: Heartbeat) => void,
    private readonly everyMs = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Called on every frame shown while playing. */
  playing(mediaId: string, frame: number): void {
    const t = this.now();
    const r = this.range;
    const jumped = r && (r.mediaId !== mediaId || frame < r.to || frame > r.to + 60);
    if (jumped) this.flush();
    if (!this.range) {
      this.range = { mediaId, from: frame, to: frame, since: t };
    } else {
      this.range.to = Math.max(this.range.to, frame);
    }
    if (t - this.range.since >= this.everyMs) this.flush();
    this.last = t;
  }

  /** Playback stopped: what was watched so far is sent. */
  stopped(): void {
    this.flush();
  }

  private flush(): void {
    const r = this.range;
    this.range = null;
    if (!r || this.last === null) return;
    const seconds = Math.max(0, (this.last - r.since) / 1000);
    if (seconds <= 0 && r.to === r.from) return;
    this.send({ mediaId: r.mediaId, fromFrame: r.from, toFrame: r.to, seconds: Math.round(seconds * 10) / 10 });
  }
}
