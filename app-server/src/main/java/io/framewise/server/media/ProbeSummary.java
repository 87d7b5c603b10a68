package io.framewise.server.media;

import io.framewise.model.time.FrameRate;
import io.framewise.server.db.Require;

/**
 * What probing found, as kept on the media item: the columns the API lists and sorts by, plus the
 * probe's full JSON for everything else.
 *
 * @param frameCount exact number of video frames (0 for audio-only media)
 * @param frameRate the video's rate, {@code null} for audio-only media
 * @param startTimecode the first frame's timecode, {@code null} when the file has none
 * @param width display width in pixels, 0 without video
 * @param height display height in pixels, 0 without video
 * @param durationMicros the container's duration in microseconds
 * @param json the full probe result (at most 1 MiB)
 */
public record ProbeSummary(
        long frameCount,
        FrameRate frameRate,
        String startTimecode,
        boolean dropFrame,
        int width,
        int height,
        long durationMicros,
        boolean hasAudio,
        String json) {

    static final int MAX_JSON = 1 << 20;

    public ProbeSummary {
        Require.range("frameCount", frameCount, 0, Long.MAX_VALUE);
        Require.optionalText("startTimecode", startTimecode, 32);
        Require.range("width", width, 0, 65_535);
        Require.range("height", height, 0, 65_535);
        Require.range("durationMicros", durationMicros, 0, Long.MAX_VALUE);
        Require.maxLength("json", json, MAX_JSON);
    }
}
