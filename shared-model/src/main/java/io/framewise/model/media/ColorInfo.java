package io.framewise.model.media;

import java.util.Objects;

/**
 * Colour tags of a video stream, as FFmpeg names them ("bt709", "smpte2084", "tv", ...), or
 * "unknown" when the stream does not say.
 */
public record ColorInfo(String primaries, String transfer, String matrix, String range) {

    public static final ColorInfo UNKNOWN = new ColorInfo("unknown", "unknown", "unknown", "unknown");

    public ColorInfo {
        Objects.requireNonNull(primaries, "primaries");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(range, "range");
    }

    /** Whether the transfer is a high dynamic range one (PQ or HLG). */
    public boolean isHdr() {
        return transfer.equals("smpte2084") || transfer.equals("arib-std-b67");
    }
}
