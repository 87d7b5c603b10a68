package io.framewise.server.jobs;

import io.framewise.media.Progress;
import io.framewise.server.events.LibraryEvent;
import java.util.function.Consumer;

/**
 * The progress of a long processing step (a proxy, an HLS ladder, a clip) as library events, at most
 * one every {@link #INTERVAL_NANOS} however often the engine reports.
 */
public final class ProgressEvents {

    /** The least time between two progress events of one job. */
    public static final long INTERVAL_NANOS = 250_000_000L;

    private ProgressEvents() {}

    /** A listener publishing the engine's progress of {@code mediaId}'s {@code stage}, clamped to [0, 1]. */
    public static Progress.Listener throttled(String mediaId, String stage, Consumer<LibraryEvent> publish) {
        long[] last = {System.nanoTime() - INTERVAL_NANOS};
        return p -> {
            long now = System.nanoTime();
            if (now - last[0] >= INTERVAL_NANOS) {
                last[0] = now;
                publish.accept(LibraryEvent.progress(mediaId, null, stage, Math.max(0, Math.min(1, p.fraction()))));
            }
        };
    }
}
