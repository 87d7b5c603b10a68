package io.framewise.server.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed calls to the store by operation, read by the metrics scrape as {@code
 * framewise_storage_errors_total{operation=...}}: a store that is down shows as a rising count.
 */
public final class StorageErrors implements MeterBinder {

    /** What the node was doing with the store. */
    public enum Operation {
        PUBLISH,
        FETCH,
        RANGE,
        DELETE,
        UPLOAD;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);

    StorageErrors() {
        for (Operation op : Operation.values()) {
            counts.put(op, new AtomicLong());
        }
    }

    void count(Operation op) {
        counts.get(op).incrementAndGet();
    }

    /** How many calls of {@code op} failed since start. */
    public long total(Operation op) {
        return counts.get(op).get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Operation op : Operation.values()) {
            FunctionCounter.builder("framewise.storage.errors", counts.get(op), AtomicLong::get)
                    .description("Calls to the media store that failed, by operation")
                    .tag("operation", op.wire())
                    .register(registry);
        }
    }
}
