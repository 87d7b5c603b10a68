package io.framewise.media.clip;

/** How a clip is cut out of its source. */
public enum ClipMode {
    /**
     * Stream copy of the packets: lossless and fast, but video can only start on a keyframe, so the
     * range snaps outward to keyframes (the result says where).
     */
    COPY,
    /**
     * Frame exact with minimal re-encoding: only the partial GOPs at the start and the end are
     * re-encoded (same codec, size and profile as the source), whole GOPs in between are copied.
     * Falls back to {@link #COPY} when every frame is a keyframe and to {@link #REENCODE} where a smart
     * cut is not possible; the result says so.
     */
    SMART,
    /** Frame exact full re-encode to H.264 + AAC, with optional text and picture watermarks. */
    REENCODE
}
