package io.framewise.server.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses the database of a data folder when none is named ({@link DatabaseLocation#defaultFor}),
 * found through {@link java.util.ServiceLoader}. The server ships none, so a data folder keeps its
 * own SQLite file; the test suite registers one that gives every data folder a fresh PostgreSQL
 * database, which runs the same tests against PostgreSQL without a second copy of them.
 */
public interface DefaultDatabase {

    /** The database for this data folder, or empty to leave the choice to the next provider or SQLite. */
    Optional<DatabaseLocation> forDataFolder(Path dataDir);
}
