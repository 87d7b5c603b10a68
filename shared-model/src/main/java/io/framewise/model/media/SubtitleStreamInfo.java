package io.framewise.model.media;

import java.util.Objects;
import java.util.Optional;

/**
 * One subtitle stream as probed ("subrip", "webvtt", "ass", "mov_text", "hdmv_pgs_subtitle", ...).
 *
 * @param defaultTrack the container marks it as the track to show unless the viewer says otherwise
 * @param text its cues are text (extracted to WebVTT); bitmap subtitles (PGS, DVB, DVD) are not
 */
public record SubtitleStreamInfo(
        int index,
        String codec,
        Optional<String> language,
        Optional<String> title,
        boolean defaultTrack,
        boolean text) {

    public SubtitleStreamInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
    }

    /** A text track that is not marked default. */
    public SubtitleStreamInfo(int index, String codec, Optional<String> language, Optional<String> title) {
        this(index, codec, language, title, false, true);
    }
}
