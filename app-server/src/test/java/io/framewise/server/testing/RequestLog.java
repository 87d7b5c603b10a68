package io.framewise.server.testing;

import io.framewise.server.Feature;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Every HTTP request the server answered, with the answer's status: proof that a request a browser
 * was made to send really arrived, and what it got.
 */
public final class RequestLog implements Feature {

    /** One answered request. */
    public record Entry(String method, String path, int status, String origin, String fetchSite) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void register(JavalinConfig cfg) {
        cfg.requestLogger.http((ctx, ms) -> entries.add(new Entry(
                ctx.method().name(),
                ctx.path(),
                ctx.statusCode(),
                ctx.header("Origin"),
                ctx.header("Sec-Fetch-Site"))));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The first request matching, waiting up to {@code deadline} for it. */
    public Entry await(String what, Predicate<Entry> which, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            for (Entry e : entries) {
                if (which.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the server never saw " + what + "; it saw " + entries);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
