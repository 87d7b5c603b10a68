package io.framewise.server.testing;

import io.framewise.server.storage.DefaultStorage;
import io.framewise.server.storage.StorageLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test suite's S3 run: with {@code -Dframewise.test.s3=true} every data folder a test makes
 * gets its own prefix in one bucket of one s3proxy process per test JVM, so the same tests that
 * run with the data folder as the store run with media on S3 (the node's data folder is then only
 * its cache). A data folder opened again (a restart test) finds its prefix again. Without the
 * property it chooses nothing and the data folder stays the store.
 */
public final class S3PerDataFolder implements DefaultStorage {

    public static final String PROPERTY = "framewise.test.s3";
    public static final String BUCKET = "framewise-suite";

    private static final Map<Path, StorageLocation.S3> BY_FOLDER = new ConcurrentHashMap<>();
    private static final AtomicInteger FOLDERS = new AtomicInteger();
    private static volatile S3Proxy server;

    /** Whether this run keeps media on S3. */
    public static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public Optional<StorageLocation> forDataFolder(Path dataDir) {
        if (!active()) {
            return Optional.empty();
        }
        return Optional.of(BY_FOLDER.computeIfAbsent(dataDir.normalize(), d -> {
            String spec = server().storage(BUCKET, "d" + FOLDERS.incrementAndGet(), "");
            return (StorageLocation.S3) StorageLocation.parse(spec, d);
        }));
    }

    /** The run's s3proxy with its bucket, started on first use; stopped when the JVM ends. */
    public static synchronized S3Proxy server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("framewise-s3-");
                S3Proxy started = S3Proxy.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
                S3Proxy.lendCredentials();
                try (S3Client client = started.client()) {
                    client.createBucket(b -> b.bucket(BUCKET));
                }
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test s3proxy: " + e, e);
            }
        }
        return server;
    }
}
