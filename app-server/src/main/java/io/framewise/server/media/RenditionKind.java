package io.framewise.server.media;

import java.util.Locale;

/** Files derived from an original. Stored and sent as the lowercase name. */
public enum RenditionKind {
    PROXY,
    POSTER,
    SPRITES,
    WAVEFORM,
    STILLS,
    /** The HLS ladder of long or high-bitrate media: a folder with the master playlist. */
    HLS,
    /**
     * A small all-keyframe video, frame for frame the original, whose stills a jump shows first
     * while the frame-exact still is made (ADR 0051).
     */
    SEEK_PROXY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RenditionKind fromWire(String text) {
        for (RenditionKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "kind must be proxy, poster, sprites, waveform, stills, hls or seek_proxy, got " + text);
    }
}
