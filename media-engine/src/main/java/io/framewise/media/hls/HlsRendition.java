package io.framewise.media.hls;

import java.util.Objects;

/**
 * One rung of a written ladder, in the folder {@code name} next to the master playlist.
 *
 * @param name folder and label, the rung's height with a "p" ("720p")
 * @param frameCount frames in the rendition: always the source's frame count
 * @param peakBitrate the highest bit rate of one segment, bits per second (the master's BANDWIDTH)
 * @param averageBitrate bits of all segments over their duration (AVERAGE-BANDWIDTH)
 * @param codecs RFC 6381 codecs ("avc1.64001f,mp4a.40.2")
 * @param segments media segments written
 */
public record HlsRendition(
        String name,
        int width,
        int height,
        long frameCount,
        long peakBitrate,
        long averageBitrate,
        String codecs,
        int segments) {

    public HlsRendition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codecs, "codecs");
    }
}
