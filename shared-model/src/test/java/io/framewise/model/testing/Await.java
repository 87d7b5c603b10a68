package io.framewise.model.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something that happens on another thread or in another process: a condition
 * is polled with a short park between looks until it holds or the deadline passes, and the failure
 * names what was awaited. Never a fixed sleep: the deadline bounds the wait, the condition ends it.
 * Shared by every module's tests (shared-model's test-jar); depends on nothing but the JDK.
 */
public final class Await {

    /** The pause between two looks: short against any deadline, long enough not to spin a core. */
    static final Duration POLL = Duration.ofMillis(20);

    private Await() {}

    /** A look at the awaited thing: its value once there, {@code null} while not yet. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code deadline}
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        value(what, deadline, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /**
     * The first non-null answer of {@code probe}. An {@link AssertionError} the probe throws (a final
     * state that is not the awaited one) ends the wait at once; other exceptions end it as a failure.
     *
     * @throws AssertionError naming {@code what} when no answer comes within {@code deadline}
     */
    public static <T> T value(String what, Duration deadline, Probe<T> probe) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(probe, "probe");
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T answer;
            try {
                answer = probe.look();
            } catch (AssertionError e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                throw new AssertionError("failed while waiting for " + what + ": " + e, e);
            }
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
