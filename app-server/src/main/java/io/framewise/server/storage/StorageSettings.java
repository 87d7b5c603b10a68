package io.framewise.server.storage;

import java.nio.file.Path;
import java.util.Objects;

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
