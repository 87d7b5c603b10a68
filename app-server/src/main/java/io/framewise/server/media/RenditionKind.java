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
    HLS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RenditionKind fromWire(String text) {
        for (RenditionKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be proxy, poster, sprites, waveform, stills or hls, got " + text);
    }
}
