package io.framewise.media.hls;

import io.framewise.media.transcode.ProxySettings;
import java.util.List;
import java.util.Objects;

/**
 * How an HLS ladder is made.
 *
 * @param ladder rendition heights, largest first (1080, 720, 360); a rung taller than the source is
 *     left out, never upscaled
 * @param crf x264 constant rate factor of every rendition (lower rungs are smaller by their size alone)
 * @param preset x264 speed preset
 * @param audioBitrate AAC bit rate in bits per second
 * @param keyframeSeconds fixed GOP length in seconds of media; segments start on these keyframes
 * @param segmentSeconds target segment length: a segment ends on the first keyframe at or after it,
 *     so with a fixed GOP every segment holds the same number of GOPs
 */
public record HlsSettings(
        List<Integer> ladder, int crf, String preset, int audioBitrate, double keyframeSeconds, double segmentSeconds) {

    /** 1080p / 720p / 360p, CRF 23, veryfast, 128 kbit/s AAC, 2 s GOPs, 4 s segments. */
    public static final HlsSettings DEFAULT = new HlsSettings(List.of(1080, 720, 360), 23, "veryfast", 128_000, 2, 4);

    public HlsSettings {
        Objects.requireNonNull(ladder, "ladder");
        Objects.requireNonNull(preset, "preset");
        ladder = List.copyOf(ladder);
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("the ladder needs at least one rung");
        }
        for (int i = 0; i < ladder.size(); i++) {
            int h = ladder.get(i);
            if (h < 16 || h > 4320 || h % 2 != 0) {
                throw new IllegalArgumentException("rung heights must be even and 16..4320, was " + h);
            }
            if (i > 0 && h >= ladder.get(i - 1)) {
                throw new IllegalArgumentException("rungs must be listed largest first: " + ladder);
            }
        }
        if (!(segmentSeconds >= keyframeSeconds && segmentSeconds <= 30)) {
            throw new IllegalArgumentException(
                    "segments must be at least one GOP and at most 30 s, was " + segmentSeconds + " s");
        }
        // Checks crf, preset, bit rate and GOP length the way proxies are checked.
        new ProxySettings(4096, ladder.get(0), crf, preset, audioBitrate, keyframeSeconds);
    }

    public HlsSettings withPreset(String value) {
        return new HlsSettings(ladder, crf, value, audioBitrate, keyframeSeconds, segmentSeconds);
    }

    /** The encoder settings of the rung {@code height} high. */
    public ProxySettings encoding(int height) {
        return new ProxySettings(4096, height, crf, preset, audioBitrate, keyframeSeconds);
    }
}
