package io.framewise.server.auth;

import io.framewise.server.http.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes are computed at once. An Argon2 computation holds its whole
 * memory cost (19 MiB by default) until it ends, so without a bound a burst of logins is a burst
 * of heap: a hundred parallel guesses would ask for almost 2 GiB and end in an OutOfMemoryError
 * that takes the whole server down. With the bound, a burst queues for a short while and what
 * cannot be served in time is answered 503 with {@code Retry-After}.
 *
 * <p>One cap per JVM ({@link #shared()}): the heap is the JVM's, whether it runs one server, a
 * desktop app hosting one, or a test suite starting many. Its size is the smaller of the cores
 * (hashing is CPU-bound, more at once is only slower for each) and what a quarter of the maximum
 * heap holds at the default cost.
 */
public final class HashingCap {

    /** How long a password check waits for a free slot before it is answered 503. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(3);
    /** What {@code Retry-After} says when the cap is full. */
    static final long RETRY_AFTER_SECONDS = 2;
    /** Waiting requests hold server threads: beyond this many per slot, refuse at once. */
    static final int WAITERS_PER_SLOT = 32;

    private static final HashingCap SHARED = new HashingCap(
            sizeFor(
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(),
                    PasswordHasher.DEFAULT_MEMORY_KIB),
            DEFAULT_MAX_WAIT);

    private final int size;
    private final Semaphore slots;
    private final long maxWaitNanos;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public HashingCap(int size, Duration maxWait) {
        if (size < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("a hashing cap needs at least one slot and a wait >= 0");
        }
        this.size = size;
        this.slots = new Semaphore(size, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.maxWaiting = size * WAITERS_PER_SLOT;
    }

    /** The cap every password hasher of this JVM shares unless given its own. */
    public static HashingCap shared() {
        return SHARED;
    }

    /** Slots for hashes of {@code memoryKib} each, given the cores and the maximum heap. */
    static int sizeFor(int cores, long maxHeapBytes, int memoryKib) {
        long byMemory = (maxHeapBytes / 4) / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** How many hashes may run at once. */
    public int size() {
        return size;
    }

    /** How many are running now. */
    public int inUse() {
        return size - slots.availablePermits();
    }

    /**
     * Runs {@code hashing} in a slot.
     *
     * @throws ApiException.Unavailable (503, Retry-After) when no slot frees up within the wait
     */
    public <T> T run(Supplier<T> hashing) {
        if (!acquire()) {
            throw new ApiException.Unavailable(
                    "The server is busy checking other passwords. Try again in " + RETRY_AFTER_SECONDS + " s.",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS),
                    RETRY_AFTER_SECONDS);
        }
        try {
            return hashing.get();
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        if (slots.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }
}
