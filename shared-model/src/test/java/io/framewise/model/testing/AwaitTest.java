package io.framewise.model.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsTheFirstAnswerOnceThereIsOne() {
        AtomicInteger looks = new AtomicInteger();
        String answer =
                Await.value("the third look", Duration.ofSeconds(10), () -> looks.incrementAndGet() == 3 ? "x" : null);
        assertEquals("x", answer);
        assertEquals(3, looks.get());
    }

    @Test
    void seesAConditionSetByAnotherThread() {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {});
        Await.until("the other thread", Duration.ofSeconds(10), done::isDone);
        assertTrue(done.isDone());
    }

    @Test
    void failsAtTheDeadlineNamingWhatWasAwaited() {
        long start = System.nanoTime();
        AssertionError e =
                assertThrows(AssertionError.class, () -> Await.until("never", Duration.ofMillis(100), () -> false));
        assertTrue(e.getMessage().contains("waiting for never"), e.getMessage());
        assertTrue(
                Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(100)) >= 0,
                "waited the deadline out");
    }

    @Test
    void anAssertionInTheProbeEndsTheWaitAtOnce() {
        AtomicInteger looks = new AtomicInteger();
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.value("a ready item", Duration.ofSeconds(30), () -> {
                    looks.incrementAndGet();
                    throw new AssertionError("the item failed");
                }));
        assertEquals("the item failed", e.getMessage());
        assertEquals(1, looks.get());
    }

    @Test
    void otherExceptionsFailTheWaitWithTheirCause() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.value("a file", Duration.ofSeconds(30), () -> {
                    throw new java.io.IOException("disk gone");
                }));
        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
    }
}
