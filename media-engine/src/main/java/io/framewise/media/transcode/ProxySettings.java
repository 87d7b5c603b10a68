package io.framewise.media.transcode;

import java.util.Objects;
import java.util.Set;

/**
 * H.264 High + AAC-LC encoding settings for browser proxies, also used for re-encoded clips.
 *
 * <p>The picture is scaled down (never up) to fit {@code maxWidth} x {@code maxHeight} of the upright,
 * square-pixel picture, keeping the display aspect; dimensions are even.
 *
 * @param maxWidth largest output width in pixels
 * @param maxHeight largest output height in pixels (of the upright picture)
 * @param crf x264 constant rate factor, 0 (lossless) to 51; 23 is x264's default quality
 * @param preset x264 speed preset ("ultrafast" ... "veryslow")
 * @param audioBitrate AAC bit rate in bits per second
 * @param keyframeSeconds distance between keyframes in seconds of media; short for quick scrubbing
 */
public record ProxySettings(
        int maxWidth, int maxHeight, int crf, String preset, int audioBitrate, double keyframeSeconds) {

    private static final Set<String> PRESETS = Set.of(
            "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");

    /** 1080 lines high at most (4096 wide: the browsers' decoder limit), CRF 23, veryfast, 128 kbit/s, 1 s GOP. */
    public static final ProxySettings DEFAULT = new ProxySettings(4096, 1080, 23, "veryfast", 128_000, 1.0);

    public ProxySettings {
        Objects.requireNonNull(preset, "preset");
        if (maxWidth < 16 || maxHeight < 16) {
            throw new IllegalArgumentException(
                    "maximum size must be at least 16x16, was " + maxWidth + "x" + maxHeight);
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be 0..51, was " + crf);
        }
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown x264 preset '" + preset + "', expected one of " + PRESETS);
        }
        if (audioBitrate < 16_000 || audioBitrate > 512_000) {
            throw new IllegalArgumentException("audio bit rate must be 16k..512k, was " + audioBitrate);
        }
        if (!(keyframeSeconds > 0 && keyframeSeconds <= 20)) {
            throw new IllegalArgumentException("keyframe interval must be in (0, 20] seconds, was " + keyframeSeconds);
        }
    }

    /** These settings without a size limit: the full picture, as re-encoded clips keep it by default. */
    public static ProxySettings fullSize() {
        return DEFAULT.withMaxSize(16384, 16384);
    }

    public ProxySettings withMaxSize(int width, int height) {
        return new ProxySettings(width, height, crf, preset, audioBitrate, keyframeSeconds);
    }

    public ProxySettings withMaxHeight(int height) {
        return withMaxSize(maxWidth, height);
    }

    public ProxySettings withCrf(int value) {
        return new ProxySettings(maxWidth, maxHeight, value, preset, audioBitrate, keyframeSeconds);
    }

    public ProxySettings withPreset(String value) {
        return new ProxySettings(maxWidth, maxHeight, crf, value, audioBitrate, keyframeSeconds);
    }
}
