package io.framewise.model.media;

import java.util.Objects;
import java.util.Optional;

/** One subtitle stream as probed ("subrip", "webvtt", "ass", "mov_text", ...). */
public record SubtitleStreamInfo(int index, String codec, Optional<String> language, Optional<String> title) {

    public SubtitleStreamInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
    }
}
