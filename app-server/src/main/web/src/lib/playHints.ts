/**
 * While the video plays, the page tells the server every quarter second which frame is on screen
 * (`GET /frames/{n}?width=&format=&prefetch=play`, the same size and format as the still it will ask
 * for on pause), so the server can decode ahead of the playhead and answer that still at once when
 * the reviewer pauses (issue 16). A hint is fire and forget: its answer (204, or a 400 from a server
 * that does not know the parameter) is ignored, never shown, and at most one is in flight, so a slow
 * server never gets a queue of them. Pausing aborts the one in flight: the still comes first.
 */

export const HINT_EVERY_MS = 250;

/** Sends one hint; resolves or rejects when it is answered, which the caller ignores. */
export type SendHint = (url: string, signal: AbortSignal) => Promise<unknown>;

export interface Timers {
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The hint for the still at `stillUrl` (a frames URL with its query already started). */
export function hintUrl(stillUrl: string): string {
  return `${stillUrl}${stillUrl.includes('?') ? '&' : '?'}prefetch=play`;
}

export class PlayHints {
  private timer: unknown = null;
  private inFlight: AbortController | null = null;
  private last: string | null = null;
  /** Hints sent so far (for tests and the benchmark). */
  sent = 0;

  constructor(
    private readonly send: SendHint = browserSend,
    private readonly timers: Timers = browserTimers,
    private readonly every = HINT_EVERY_MS,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /**
   * Starts hinting the still URL `stillUrlNow()` gives (null: nothing to hint now), at once and then
   * every quarter second. Starting again replaces the source of URLs.
   */
  start(stillUrlNow: () => string | null): void {
    this.stop();
    const tick = () => this.hint(stillUrlNow());
    this.timer = this.timers.setInterval(tick, this.every);
    tick();
  }

  /** Stops hinting and aborts the hint in flight. */
  stop(): void {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.inFlight = null;
    this.last = null;
  }

  private hint(stillUrl: string | null): void {
    if (!stillUrl || this.inFlight) return;
    const url = hintUrl(stillUrl);
    // The playhead has not moved (a stalled video): the server knows already.
    if (url === this.last) return;
    const controller = new AbortController();
    this.inFlight = controller;
    this.last = url;
    this.sent++;
    const done = () => {
      if (this.inFlight === controller) this.inFlight = null;
    };
    this.send(url, controller.signal).then(done, done);
  }
}

const browserSend: SendHint = async (url, signal) => {
  const r = await fetch(url, { signal, credentials: 'same-origin', cache: 'no-store' });
  // Read nothing: the body of a 204 is empty, that of a 400 of no interest.
  await r.body?.cancel();
};

const browserTimers: Timers = {
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};
