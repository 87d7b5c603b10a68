package io.framewise.server.hls;

import io.framewise.server.media.ProbeSummary;

/**
 * Which media get an HLS ladder besides the file browsers play directly: those longer than {@code
 * minDurationSeconds} or whose original averages more than {@code minBitrate} bits per second. Short,
 * light media start quickly as one MP4 and would only cost encoding time and disk.
 *
 * <p>Default bit rate: 20 Mbit/s, a common office or home link (and the link the HLS benchmark
 * throttles to): a file above it cannot play in real time over such a link, while typical H.264
 * deliverables sit below it and camera originals (50-150 Mbit/s) above.
 *
 * @param minDurationSeconds media longer than this get a ladder (default 600 s)
 * @param minBitrate media whose original averages more bits per second than this get a ladder
 */
public record HlsPolicy(double minDurationSeconds, long minBitrate) {

    public static final double DEFAULT_MIN_DURATION_SECONDS = 600;
    public static final long DEFAULT_MIN_BITRATE = 20_000_000L;
    public static final HlsPolicy DEFAULT = new HlsPolicy(DEFAULT_MIN_DURATION_SECONDS, DEFAULT_MIN_BITRATE);

    public HlsPolicy {
        if (!(minDurationSeconds >= 0) || Double.isInfinite(minDurationSeconds)) {
            throw new IllegalArgumentException(
                    "the HLS minimum duration must be a number of seconds, at least 0, was " + minDurationSeconds);
        }
        if (minBitrate < 0) {
            throw new IllegalArgumentException("the HLS minimum bit rate must not be negative, was " + minBitrate);
        }
    }

    /** Whether a video of {@code sizeBytes} with these probe facts gets a ladder. */
    public boolean applies(ProbeSummary probe, long sizeBytes) {
        if (probe == null || probe.frameCount() == 0 || probe.durationMicros() <= 0) {
            return false;
        }
        double seconds = probe.durationMicros() / 1e6;
        return seconds > minDurationSeconds || sizeBytes * 8.0 / seconds > minBitrate;
    }

    /** A duration in seconds ("600", "90.5") or with a unit ("10m", "1h", "45s"). */
    public static double parseDuration(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        double unit = 1;
        if (v.endsWith("h") || v.endsWith("m") || v.endsWith("s")) {
            unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
            v = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(v.strip()) * unit;
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the HLS minimum duration must be seconds, optionally with s, m or h (e.g. 600 or 10m), was '"
                            + value + "'");
        }
    }

    /** A bit rate in bits per second ("20000000"), or with a decimal unit ("20M", "800k"). */
    public static long parseBitrate(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        double unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = v.endsWith("g") ? 1e9 : v.endsWith("m") ? 1e6 : 1e3;
            v = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(v.strip()) * unit;
            if (!(d >= 0) || d > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return Math.round(d);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the HLS minimum bit rate must be bits per second, optionally with k, M or G (e.g. 20M), was '"
                            + value + "'");
        }
    }
}
