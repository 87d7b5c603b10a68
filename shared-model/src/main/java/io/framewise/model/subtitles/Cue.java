package io.framewise.model.subtitles;

import java.util.Objects;

/**
 * One subtitle cue, shown from {@code startMicros} (inclusive) to {@code endMicros} (exclusive), both
 * measured from the media's first frame.
 *
 * @param text the cue's WebVTT payload as {@link CueMarkup#sanitize} leaves it: only {@code <b>},
 *     {@code <i>}, {@code <u>} tags, everything else escaped; lines separated by {@code \n}, none empty
 */
public record Cue(long startMicros, long endMicros, String text) {

    public Cue {
        Objects.requireNonNull(text, "text");
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException(
                    "a cue needs 0 <= start < end, got " + startMicros + " and " + endMicros + " microseconds");
        }
    }

    /** The text a reader sees: tags removed and entities decoded. */
    public String plainText() {
        return CueMarkup.plain(text);
    }
}
