package io.framewise.media;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag a long operation polls between frames. Cancelling makes the operation stop soon, remove its
 * partial output and throw {@link MediaException.Cancelled}.
 */
public final class Cancellation {

    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this == NEVER) {
            throw new IllegalStateException("the NEVER token cannot be cancelled");
        }
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link MediaException.Cancelled} naming {@code file} once cancelled. */
    public void check(Path file) {
        if (cancelled.get()) {
            throw new MediaException.Cancelled(file, "cancelled");
        }
    }
}
