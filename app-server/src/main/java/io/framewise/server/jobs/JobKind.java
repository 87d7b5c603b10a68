package io.framewise.server.jobs;

import java.util.Locale;

/**
 * The processing steps. Stored as the lowercase name; the table does not constrain it, so a new
 * step needs no migration.
 */
public enum JobKind {
    PROBE,
    FRAMEMAP,
    POSTER,
    SPRITES,
    WAVEFORM,
    THUMBS,
    PROXY,
    /** Cuts a clip out of its source into the clip's own media item (then processed like an upload). */
    CLIP,
    /** The adaptive-streaming ladder of a long media item (HLS, fMP4 segments). */
    HLS,
    /** Lists the file's subtitle streams and extracts the text ones to WebVTT (after the frame map). */
    SUBTITLES,
    /** Detects the hard cuts of a long video as suggested markers (after the frame map). */
    SCENES,
    /** The seek proxy of a video (after the frame map): small stills a jump shows at once. */
    SEEK_PROXY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind fromWire(String text) {
        for (JobKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind is not a known job kind: " + text);
    }
}
