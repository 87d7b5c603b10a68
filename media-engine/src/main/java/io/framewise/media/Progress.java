package io.framewise.media;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a long engine operation (a proxy, a clip) has come.
 *
 * @param fraction 0 to 1
 * @param framesDone frames written so far
 * @param framesPerSecond throughput since the start
 * @param remaining estimated time left, when it can be estimated
 */
public record Progress(double fraction, long framesDone, double framesPerSecond, Optional<Duration> remaining) {

    /** Receives progress; called on the working thread, so it must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(Progress progress);

        Listener NONE = p -> {};
    }
}
