package io.framewise.server.clips;

import io.framewise.media.clip.ClipMode;
import java.util.Objects;

/**
 * What {@code POST /api/media/{id}/clips} asks for, well-formed but not yet checked against the
 * source (see {@link ClipService}).
 *
 * @param title the asset's title, or {@code null} for the default
 * @param asVersionOf the asset to add the clip to as its next version, or {@code null} for a new asset
 */
record ClipDraft(
        FramePosition in,
        FramePosition out,
        ClipMode mode,
        String templateId,
        String title,
        String asVersionOf,
        boolean copyNotes) {

    ClipDraft {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(mode, "mode");
    }

    /** A frame as the request names it: a 0-based index of the source, or a timecode of the source. */
    record FramePosition(Long index, String timecode) {

        FramePosition {
            if ((index == null) == (timecode == null)) {
                throw new IllegalArgumentException("a frame position is an index or a timecode");
            }
        }

        static FramePosition of(long index) {
            return new FramePosition(index, null);
        }

        static FramePosition of(String timecode) {
            return new FramePosition(null, timecode);
        }

        @Override
        public String toString() {
            return index != null ? index.toString() : "'" + timecode + "'";
        }
    }
}
