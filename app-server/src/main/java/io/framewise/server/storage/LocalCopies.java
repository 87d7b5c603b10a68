package io.framewise.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's local copies of files that are safely in the store, least recently used first, kept
 * under a byte limit: beyond it the oldest copies are deleted (they are fetched again on first use).
 * Only files this node published or fetched are listed, so a file still being written is never one
 * of them. A copy being read may go: on POSIX systems an open file stays readable after it is
 * unlinked, so a reader in progress finishes; the next reader fetches it again.
 */
final class LocalCopies {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCopies.class);

    private final long limit;
    private final LinkedHashMap<Path, Long> sizes = new LinkedHashMap<>(64, 0.75f, true);
    private long total;

    LocalCopies(long limit) {
        this.limit = limit;
    }

    synchronized void touch(Path file) {
        sizes.get(file);
    }

    /** Lists {@code file} as the most recently used, then deletes old copies beyond the limit. */
    void add(Path file, long size, Predicate<Path> busy) {
        Map<Path, Long> evicted = new LinkedHashMap<>();
        synchronized (this) {
            Long old = sizes.put(file, size);
            total += size - (old == null ? 0 : old);
            Iterator<Map.Entry<Path, Long>> it = sizes.entrySet().iterator();
            while (total > limit && it.hasNext()) {
                Map.Entry<Path, Long> e = it.next();
                if (e.getKey().equals(file) || busy.test(e.getKey())) {
                    continue;
                }
                evicted.put(e.getKey(), e.getValue());
                total -= e.getValue();
                it.remove();
            }
        }
        evicted.forEach((p, s) -> {
            try {
                Files.deleteIfExists(p);
                LOG.debug("Storage cache: dropped the local copy {} ({} bytes)", p, s);
            } catch (IOException e) {
                LOG.warn("Storage cache: could not drop the local copy {}: {}", p, e.toString());
            }
        });
    }

    /** Forgets the copies under {@code dir} (an item removed). */
    synchronized void forget(Path dir) {
        Iterator<Map.Entry<Path, Long>> it = sizes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Path, Long> e = it.next();
            if (e.getKey().startsWith(dir)) {
                total -= e.getValue();
                it.remove();
            }
        }
    }

    synchronized long total() {
        return total;
    }
}
