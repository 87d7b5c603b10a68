package io.framewise.media.transcode;

import io.framewise.media.Progress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns "frames done out of a total" into {@link Progress} reports: monotonic fractions, throughput
 * and an estimate of the time left, reported at most every {@value #INTERVAL_MILLIS} ms (plus the
 * first frame and the end), so that a slow listener cannot slow the work.
 */
public final class ProgressMeter {

    private static final long INTERVAL_MILLIS = 200;

    private final long total;
    private final Progress.Listener listener;
    private final long startNanos;
    private long lastReportNanos;
    private double lastFraction = -1;
    private long done;

    public ProgressMeter(long total, Progress.Listener listener) {
        this.total = Math.max(1, total);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.startNanos = System.nanoTime();
        this.lastReportNanos = startNanos - INTERVAL_MILLIS * 1_000_000L;
    }

    /** One more frame done. Reaching the total is not the end: {@link #finished()} reports 1.0. */
    public void frameDone() {
        done++;
        long now = System.nanoTime();
        if (now - lastReportNanos >= INTERVAL_MILLIS * 1_000_000L) {
            // Below 1.0 until the file is complete: the last frames still have to be flushed and written.
            report(Math.min(0.999, (double) done / total), now);
        }
    }

    public long framesDone() {
        return done;
    }

    /** Reports completion. */
    public void finished() {
        report(1.0, System.nanoTime());
    }

    private void report(double fraction, long now) {
        if (fraction <= lastFraction) {
            return;
        }
        lastFraction = fraction;
        lastReportNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double fps = seconds > 0 ? done / seconds : 0;
        Optional<Duration> remaining = fraction >= 1.0
                ? Optional.of(Duration.ZERO)
                : fps > 0 ? Optional.of(Duration.ofMillis(Math.round((total - done) / fps * 1000))) : Optional.empty();
        listener.onProgress(new Progress(fraction, done, fps, remaining));
    }
}
