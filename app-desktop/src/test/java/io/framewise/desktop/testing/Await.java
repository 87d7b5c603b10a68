package io.framewise.desktop.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Waiting for a condition with a deadline (never a fixed sleep), and reading state on the FX thread. */
public final class Await {

    private Await() {}

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                // A short park between polls; the deadline, not this, decides the outcome.
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
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
