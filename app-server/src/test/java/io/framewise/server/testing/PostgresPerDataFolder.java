package io.framewise.server.testing;

import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.DefaultDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test suite's PostgreSQL run: with {@code -Dframewise.test.postgresql=true} every data folder
 * a test makes gets a fresh database on one throwaway cluster per test JVM, so the same tests that
 * run on SQLite run on PostgreSQL. A data folder opened again (a restart test) finds its database
 * again. Without the property it chooses nothing and SQLite stays.
 */
public final class PostgresPerDataFolder implements DefaultDatabase {

    public static final String PROPERTY = "framewise.test.postgresql";

    private static final Map<Path, DatabaseLocation.Postgres> BY_FOLDER = new ConcurrentHashMap<>();
    private static volatile PostgresCluster cluster;

    @Override
    public Optional<DatabaseLocation> forDataFolder(Path dataDir) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return Optional.empty();
        }
        return Optional.of(
                BY_FOLDER.computeIfAbsent(dataDir.normalize(), d -> cluster().newMigratedDatabase("fw")));
    }

    /** The run's cluster, started on first use. */
    public static synchronized PostgresCluster cluster() {
        if (cluster == null) {
            try {
                cluster = PostgresCluster.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test PostgreSQL cluster: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test PostgreSQL cluster", e);
            }
        }
        return cluster;
    }
}
