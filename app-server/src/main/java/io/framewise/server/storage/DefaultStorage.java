package io.framewise.server.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses the media store of a data folder when none is named ({@link StorageSettings#defaultFor}),
 * found through {@link java.util.ServiceLoader}, as {@link io.framewise.server.db.DefaultDatabase}
 * does for the database. The server ships none, so the data folder is its own store; the test
 * suite registers one that gives every data folder its own prefix on a real S3-compatible server,
 * which runs the same tests against S3 without a second copy of them.
 */
public interface DefaultStorage {

    /** The store for this data folder, or empty to leave the choice to the next provider or the folder. */
    Optional<StorageLocation> forDataFolder(Path dataDir);
}
