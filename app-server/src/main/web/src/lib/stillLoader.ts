/**
 * Loads stills with `fetch` so that a request nobody wants any more is aborted at once (issue 16):
 * a reviewer holding an arrow key at 25 steps/s supersedes a still every 40 ms, and an `<img>` whose
 * source is dropped is only cancelled by the browser when it gets round to it, while the request
 * keeps one of the handful of connections the browser opens per server. Each still arrives as a
 * blob and is shown through an object URL; the last few are kept in memory, so stepping back over
 * frames just seen, or onto a frame fetched ahead, needs no request at all.
 */

/** Fetches the still at `url` as a blob; rejects (with an AbortError) when `signal` aborts. */
export type FetchBlob = (url: string, signal: AbortSignal) => Promise<Blob>;

/** Where the still at a URL is: in memory, on its way, or nowhere yet. */
export type StillState = 'ready' | 'coming' | 'none';

/**
 * Decodes the picture at an object URL before it counts as in memory, and says its shape (width over
 * height, null when unknown): a still shown straight after is only painted, never decoded on screen.
 */
export type Decode = (objectUrl: string) => Promise<number | null>;

export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(objectUrl: string): void;
}

/** How many stills are kept in memory (full-size JPEGs of 1080p are 0.1-0.4 MB each). */
export const KEPT_STILLS = 32;

interface InFlight {
  controller: AbortController;
  promise: Promise<string>;
}

export class StillLoader {
  private readonly inFlight = new Map<string, InFlight>();
  /** Still URL to object URL, oldest first (a Map keeps insertion order). */
  private readonly kept = new Map<string, string>();
  /** Object URLs that must not be revoked: the picture on screen. */
  private readonly pinned = new Set<string>();
  /** The shape of each decoded still, by object URL. */
  private readonly aspects = new Map<string, number>();
  /** Requests aborted so far (for the benchmark and tests). */
  aborted = 0;

  constructor(
    private readonly fetchBlob: FetchBlob = browserFetch,
    private readonly objectUrls: ObjectUrls = browserObjectUrls,
    private readonly capacity = KEPT_STILLS,
    private readonly decode: Decode = async () => null,
  ) {}

  /** Width over height of the decoded still at `objectUrl`, when known. */
  aspect(objectUrl: string): number | undefined {
    return this.aspects.get(objectUrl);
  }

  /** The object URL of `url` if it is in memory already. */
  cached(url: string): string | undefined {
    const o = this.kept.get(url);
    if (o !== undefined) {
      // Most recently used goes last, so it is evicted last.
      this.kept.delete(url);
      this.kept.set(url, o);
    }
    return o;
  }

  /** Where the still at `url` is, without touching the order of the stills kept. */
  state(url: string): StillState {
    if (this.kept.has(url)) return 'ready';
    return this.inFlight.has(url) ? 'coming' : 'none';
  }

  /** Whether a request for `url` is running. */
  loading(url: string): boolean {
    return this.inFlight.has(url);
  }

  /** The URLs being fetched right now. */
  pendingUrls(): string[] {
    return [...this.inFlight.keys()];
  }

  /**
   * The object URL of the still at `url`: from memory, from the request already running for it, or
   * from a new request. Rejects with an AbortError when the request is cancelled.
   */
  get(url: string): Promise<string> {
    const o = this.cached(url);
    if (o !== undefined) return Promise.resolve(o);
    const running = this.inFlight.get(url);
    if (running) return running.promise;
    const controller = new AbortController();
    const promise = (async () => {
      try {
        const blob = await this.fetchBlob(url, controller.signal);
        if (controller.signal.aborted) throw abortError();
        const objectUrl = this.objectUrls.create(blob);
        let aspect: number | null;
        try {
          aspect = await this.decode(objectUrl);
        } catch (e) {
          this.objectUrls.revoke(objectUrl);
          throw e;
        }
        if (controller.signal.aborted) {
          this.objectUrls.revoke(objectUrl);
          throw abortError();
        }
        if (aspect !== null) this.aspects.set(objectUrl, aspect);
        this.keep(url, objectUrl);
        return objectUrl;
      } finally {
        if (this.inFlight.get(url)?.controller === controller) this.inFlight.delete(url);
      }
    })();
    // A prefetch nobody awaits must not surface as an unhandled rejection.
    promise.catch(() => {});
    this.inFlight.set(url, { controller, promise });
    return promise;
  }

  /** Starts fetching `urls` into memory without waiting for them. */
  prefetch(urls: readonly string[]): void {
    for (const u of urls) void this.get(u).catch(() => {});
  }

  /** Aborts every request in flight whose URL is not in `keep`; returns how many were aborted. */
  cancelExcept(keep: ReadonlySet<string>): number {
    let n = 0;
    for (const [url, f] of [...this.inFlight]) {
      if (keep.has(url)) continue;
      this.inFlight.delete(url);
      f.controller.abort();
      n++;
    }
    this.aborted += n;
    return n;
  }

  /** Keeps `objectUrl` (the picture on screen) valid until another is pinned instead. */
  pin(objectUrl: string | null): void {
    this.pinned.clear();
    if (objectUrl) this.pinned.add(objectUrl);
  }

  /** Aborts everything and frees every object URL (the viewer is gone). */
  dispose(): void {
    this.cancelExcept(new Set());
    for (const o of this.kept.values()) this.objectUrls.revoke(o);
    this.kept.clear();
    this.aspects.clear();
    this.pinned.clear();
  }

  private forget(objectUrl: string): void {
    this.aspects.delete(objectUrl);
    this.objectUrls.revoke(objectUrl);
  }

  private keep(url: string, objectUrl: string): void {
    const old = this.kept.get(url);
    if (old !== undefined && old !== objectUrl && !this.pinned.has(old)) this.forget(old);
    this.kept.delete(url);
    this.kept.set(url, objectUrl);
    for (const [u, o] of this.kept) {
      if (this.kept.size <= this.capacity) break;
      // The picture on screen stays valid: the page may draw it again (pause after play).
      if (this.pinned.has(o)) continue;
      this.kept.delete(u);
      this.forget(o);
    }
  }
}

export function isAbort(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'AbortError';
}

function abortError(): Error {
  const e = new Error('The still is no longer wanted');
  e.name = 'AbortError';
  return e;
}

const browserFetch: FetchBlob = async (url, signal) => {
  // Not through the HTTP cache: a response aborted mid-body stays there as a partial entry, and the
  // next ask for that still becomes a Range request. The stills kept here stand in for the cache,
  // and the server's own stills cache answers a frame asked again in milliseconds.
  const r = await fetch(url, { signal, credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok) throw new Error(`The still answered ${r.status}`);
  return r.blob();
};

/** Decodes off screen (the decoded picture is shared with the element that shows the same URL). */
export const browserDecode: Decode = async (objectUrl) => {
  const img = new Image();
  img.src = objectUrl;
  await img.decode();
  return img.naturalWidth > 0 && img.naturalHeight > 0 ? img.naturalWidth / img.naturalHeight : null;
};

const browserObjectUrls: ObjectUrls = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (o) => URL.revokeObjectURL(o),
};
