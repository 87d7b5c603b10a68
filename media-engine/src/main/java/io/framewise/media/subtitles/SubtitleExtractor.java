package io.framewise.media.subtitles;

import io.framewise.media.subtitles.internal.SubtitleDecoding;
import io.framewise.model.subtitles.Cue;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the cues of a text subtitle stream embedded in a media file (SubRip, ASS/SSA, mov_text,
 * WebVTT) by decoding it with FFmpeg. Cue times are measured from the media's first video frame (the
 * video stream's start time), the same origin the frame map counts from, so cues place onto frames
 * with {@link io.framewise.model.subtitles.CueFrames}. Bitmap subtitles are refused with {@link
 * io.framewise.media.MediaException.Unsupported}.
 */
public final class SubtitleExtractor {

    private SubtitleExtractor() {}

    /** The cues of stream {@code streamIndex} of {@code file}, in start order; empty when it holds none. */
    public static List<Cue> extract(Path file, int streamIndex) {
        return SubtitleDecoding.cues(file, streamIndex);
    }
}
