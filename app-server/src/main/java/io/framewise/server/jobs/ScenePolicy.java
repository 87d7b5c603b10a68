package io.framewise.server.jobs;

import io.framewise.server.hls.HlsPolicy;
import io.framewise.server.media.ProbeSummary;
import java.util.Locale;

/**
 * Which videos get their scene cuts detected after ingest: those longer than {@code
 * minDurationSeconds}, unless detection is off. A short clip is one shot or a few, seen whole at a
 * glance; a long cut is where jumping from shot to shot saves a reviewer time.
 *
 * @param enabled whether any video gets scene detection
 * @param minDurationSeconds videos longer than this get it (default 60 s)
 */
public record ScenePolicy(boolean enabled, double minDurationSeconds) {

    public static final double DEFAULT_MIN_DURATION_SECONDS = 60;
    public static final ScenePolicy DEFAULT = new ScenePolicy(true, DEFAULT_MIN_DURATION_SECONDS);
    public static final ScenePolicy OFF = new ScenePolicy(false, DEFAULT_MIN_DURATION_SECONDS);

    public ScenePolicy {
        if (!(minDurationSeconds >= 0) || Double.isInfinite(minDurationSeconds)) {
            throw new IllegalArgumentException(
                    "the scene detection minimum duration must be seconds, at least 0, was " + minDurationSeconds);
        }
    }

    /** Whether a media item with these probe facts gets scene detection (video only). */
    public boolean applies(ProbeSummary probe) {
        if (!enabled || probe == null || probe.frameCount() < 2 || probe.durationMicros() <= 0) {
            return false;
        }
        return probe.durationMicros() / 1e6 > minDurationSeconds;
    }

    /**
     * A setting: {@code off} (or {@code false}, {@code no}), or the minimum duration in seconds or with
     * a unit ({@code 60}, {@code 90s}, {@code 2m}).
     */
    public static ScenePolicy parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false") || v.equals("no")) {
            return OFF;
        }
        try {
            return new ScenePolicy(true, HlsPolicy.parseDuration(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "scene detection must be 'off' or a minimum duration in seconds, optionally with s, m or h"
                            + " (e.g. 60 or 2m), was '" + value + "'");
        }
    }
}
