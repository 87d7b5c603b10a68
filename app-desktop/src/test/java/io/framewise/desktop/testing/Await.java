package io.framewise.desktop.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Waiting for a condition with a deadline (the shared helper), and reading state on the FX thread. */
public final class Await {

    private Await() {}

    /** See the shared {@link io.framewise.model.testing.Await#until}. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        io.framewise.model.testing.Await.until(what, deadline, condition);
    }

    /** Runs {@code task} on the FX thread and answers its result. */
    public static <T> T fx(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX task failed: " + e, e);
        }
    }

    public static void fx(Runnable task) {
        fx(() -> {
            task.run();
            return null;
        });
    }

    public static <T> T on(Supplier<T> s) {
        return fx(s::get);
    }
}
