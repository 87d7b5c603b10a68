package io.framewise.media.framemap;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.internal.PacketScan;
import java.nio.file.Path;

/**
 * Builds the {@link FrameMap} of a file's primary video stream by reading its packets, without
 * decoding. Packets the demuxer marks as discarded (frames before an MP4 edit list's start) are not
 * frames of the media. When some packet carries no pts (raw streams, some transport streams) the map
 * is built from decoded frames' best-effort timestamps instead.
 */
public final class FrameMapBuilder {

    /**
     * The most video packets a map is built from unless the caller says otherwise: over 100 hours at
     * 25 fps, about 170 MB while the map is built. Packets are tiny, so without a cap a small hostile
     * file could make the builder hold gigabytes.
     */
    public static final long DEFAULT_MAX_FRAMES = 10_000_000;

    private FrameMapBuilder() {}

    public static FrameMap build(Path file) {
        return build(file, DEFAULT_MAX_FRAMES);
    }

    /**
     * The map of {@code file}'s primary video stream.
     *
     * @param maxFrames the most video packets (frames) accepted
     * @throws MediaException.Unsupported when the stream holds more than {@code maxFrames}
     */
    public static FrameMap build(Path file, long maxFrames) {
        return PacketScan.build(file, maxFrames);
    }
}
