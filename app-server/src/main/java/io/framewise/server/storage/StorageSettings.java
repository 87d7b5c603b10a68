package io.framewise.server.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where the media store is and how much of it a node keeps as local copies ({@code --storage},
 * {@code --storage-cache}).
 *
 * @param cacheBytes the most bytes of stored files this node keeps in its data folder
 */
public record StorageSettings(StorageLocation location, long cacheBytes) {

    public StorageSettings {
        Objects.requireNonNull(location, "location");
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("the storage cache must not be negative, was " + cacheBytes);
        }
    }

    /** The default: the data folder is the store. */
    public static StorageSettings dataFolder(Path dataDir) {
        return new StorageSettings(StorageLocation.dataFolder(dataDir), MediaStore.DEFAULT_CACHE_BYTES);
    }

    /**
     * The store used when none is named: the data folder, unless a {@link DefaultStorage} on the class
     * path provides another (the test suite's S3 run does).
     */
    public static StorageSettings defaultFor(Path dataDir) {
        return new StorageSettings(defaultLocation(dataDir), MediaStore.DEFAULT_CACHE_BYTES);
    }

    /** The location part of {@link #defaultFor}. */
    public static StorageLocation defaultLocation(Path dataDir) {
        for (DefaultStorage provider : ServiceLoader.load(DefaultStorage.class)) {
            Optional<StorageLocation> chosen = provider.forDataFolder(dataDir.toAbsolutePath());
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return StorageLocation.dataFolder(dataDir);
    }

    /**
     * Where resumable uploads keep their parts: in a shared folder store so a PATCH may land on any
     * node behind a round-robin balancer; otherwise in the node's data folder.
     */
    public Path tusDir(Path dataDir) {
        if (location instanceof StorageLocation.Folder folder && !folder.sameAsData()) {
            return folder.dir().resolve("tus");
        }
        return dataDir.resolve("tus");
    }
}
