package io.framewise.server.subtitles;

import java.time.Instant;
import java.util.Objects;

/**
 * A subtitle track of a media item: embedded in its file (extracted at ingest) or a sidecar file
 * uploaded to it.
 *
 * @param streamIndex the embedded stream's index in the file; null for a sidecar
 * @param text false for bitmap subtitles, which are listed but have no cues
 * @param storedPath the WebVTT file, relative to the data folder; null when there is none
 */
public record SubtitleTrack(
        String id,
        String mediaId,
        Source source,
        Integer streamIndex,
        String codec,
        String language,
        String label,
        boolean defaultTrack,
        boolean text,
        String storedPath,
        int cueCount,
        String createdBy,
        Instant created) {

    public enum Source {
        EMBEDDED,
        SIDECAR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Source fromWire(String text) {
            return "embedded".equals(text) ? EMBEDDED : SIDECAR;
        }
    }

    public SubtitleTrack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(created, "created");
    }
}
