import type { Media } from './api/types';

/**
 * Where a media item's video comes from in the player. Long or high-bitrate media have an HLS
 * ladder (ADR 0037). It plays through hls.js wherever Media Source Extensions exist, even where the
 * browser also claims native HLS (Chromium 150 answers "maybe"): one player logic everywhere, whose
 * rung choice and requests we control. Browsers without MSE but with native HLS (older iPhones) play
 * the master playlist directly; everything else, and media without a ladder, play the single file. Every rung keeps the original's frames, so frame N stays frame N whichever
 * plays; paused, the player shows the server's exact still anyway.
 */
export type SourceKind = 'file' | 'hls.js' | 'native-hls';

/** The master playlist of the item's finished ladder, or null. */
export function hlsUrl(media: Pick<Media, 'renditions'> | null | undefined): string | null {
  const r = media?.renditions?.find((x) => x.kind === 'hls' && x.status === 'ready');
  return r ? r.url : null;
}

/** Which way to play, given the ladder (or none) and what the browser can do. */
export function chooseSource(url: string | null, nativeHls: boolean, mse: boolean): SourceKind {
  if (!url) return 'file';
  if (mse) return 'hls.js';
  return nativeHls ? 'native-hls' : 'file';
}

/** A source attached to a video element; {@link detach} lets go of it (the caller picks the next source). */
export interface AttachedSource {
  kind: SourceKind;
  url: string | null;
  detach(): void;
}

function nativeHlsIn(video: HTMLVideoElement): boolean {
  return video.canPlayType('application/vnd.apple.mpegurl') !== '';
}

function mseIn(): boolean {
  const w = globalThis as { MediaSource?: { isTypeSupported?: (t: string) => boolean }; ManagedMediaSource?: unknown };
  const ms = w.MediaSource;
  return !!w.ManagedMediaSource || (!!ms && typeof ms.isTypeSupported === 'function' && ms.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"'));
}

/**
 * Plays {@code media} in {@code video} from its ladder when it has one and the browser can, and
 * reports how, or null when {@code stillWanted} says no once hls.js has loaded. hls.js is loaded
 * only when needed (it is a large library and most media are short).
 */
export async function attachSource(
  video: HTMLVideoElement,
  media: Pick<Media, 'renditions'>,
  stillWanted: () => boolean = () => true,
): Promise<AttachedSource | null> {
  const url = hlsUrl(media);
  const kind = chooseSource(url, nativeHlsIn(video), mseIn());
  const mark = (k: SourceKind) => (video.dataset.source = k);
  if (kind === 'file' || !url) {
    mark('file');
    return { kind: 'file', url: null, detach: () => {} };
  }
  if (kind === 'native-hls') {
    video.src = url;
    mark(kind);
    return { kind, url, detach: () => {} };
  }
  const { default: Hls } = await import('hls.js');
  // Loading hls.js takes a moment; the page may have moved on to another item or element meanwhile.
  if (!stillWanted()) return null;
  if (!Hls.isSupported()) {
    mark('file');
    return { kind: 'file', url: null, detach: () => {} };
  }
  const hls = new Hls({
    // A review player seeks and pauses a lot: keep a little ahead, not minutes.
    maxBufferLength: 20,
    // Cookies (session, guest) go along with every playlist and segment request.
    xhrSetup: (xhr) => {
      xhr.withCredentials = true;
    },
  });
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
    else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  mark('hls.js');
  return {
    kind: 'hls.js',
    url,
    detach: () => hls.destroy(),
  };
}
