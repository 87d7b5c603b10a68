package io.framewise.server.media;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Where each media item's original is stored, remembered for a moment: a player sends a Range
 * request every few hundred kilobytes, and reading the item's row for each one (a query built and
 * mapped by jOOQ) was half of the server's own work per request. The stored path is set when the
 * item is created and never changes, so an entry can only be wrong once the item is removed: this
 * server forgets it in the removal itself ({@link #forget}), and an entry lives at most {@link
 * #TTL_NANOS} so another server on the same library sees a removal within that (its files are gone
 * by then, and people who are not administrators lose sight of the item at once anyway: who may
 * see it is decided fresh on every request, never kept here).
 */
final class OriginalPaths {

    static final long TTL_NANOS = 2_000_000_000L;
    static final int MAX_ENTRIES = 4096;

    private record Entry(String storedPath, long expiresAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> load;
    private final LongSupplier nanoTime;

    /** @param load the stored path of an item from the library, empty when there is no such item */
    OriginalPaths(Function<String, Optional<String>> load) {
        this(load, System::nanoTime);
    }

    OriginalPaths(Function<String, Optional<String>> load, LongSupplier nanoTime) {
        this.load = load;
        this.nanoTime = nanoTime;
    }

    /** The item's stored original, relative to the data folder; empty when the item does not exist. */
    Optional<String> of(String id) {
        long now = nanoTime.getAsLong();
        Entry e = entries.get(id);
        if (e != null && now - e.expiresAt() < 0) {
            return Optional.of(e.storedPath());
        }
        Optional<String> path = load.apply(id);
        if (path.isEmpty()) {
            entries.remove(id);
            return path;
        }
        if (entries.size() >= MAX_ENTRIES) {
            // Bounded without bookkeeping: entries are cheap to read again.
            entries.clear();
        }
        entries.put(id, new Entry(path.get(), now + TTL_NANOS));
        return path;
    }

    /** Forgets the item (it is being removed). */
    void forget(String id) {
        entries.remove(id);
    }
}
