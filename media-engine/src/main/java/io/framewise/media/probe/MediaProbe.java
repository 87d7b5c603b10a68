package io.framewise.media.probe;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.internal.ProbeReader;
import io.framewise.model.media.MediaInfo;
import java.nio.file.Path;

/**
 * Probes a media file in-process: container, streams, exact frame count, start timecode. The frame
 * count, frame rate, VFR flag and, for video, the duration come from the file's {@link FrameMap} (a
 * packet scan, no decoding), so they agree with every other frame-indexed feature; a container's own
 * frame count is not trusted. Audio-only media take the container's duration; stills have none.
 */
public final class MediaProbe {

    private MediaProbe() {}

    /**
     * What {@code file} holds.
     *
     * @throws MediaException.NotFound when the file does not exist or cannot be read
     * @throws MediaException.Corrupt when it is empty, damaged or not media at all
     * @throws MediaException.Unsupported when FFmpeg knows no demuxer for it or it holds no usable stream
     */
    public static MediaInfo probe(Path file) {
        return probe(file, FrameMapBuilder.DEFAULT_MAX_FRAMES);
    }

    /**
     * As {@link #probe(Path)}, counting at most {@code maxFrames} video frames.
     *
     * @throws MediaException.Unsupported also when the video holds more frames than that
     */
    public static MediaInfo probe(Path file, long maxFrames) {
        return ProbeReader.probe(file, maxFrames);
    }

    /** As {@link #probe(Path, long)}, for a source that may be a channel on the file's bytes. */
    public static MediaInfo probe(io.framewise.media.MediaSource source, long maxFrames) {
        return ProbeReader.probe(source, maxFrames);
    }
}
