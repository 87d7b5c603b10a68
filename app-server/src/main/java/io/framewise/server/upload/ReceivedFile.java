package io.framewise.server.upload;

import java.nio.file.Path;
import java.util.Map;

/**
 * An upload that arrived completely and is on disk, synced, under the data folder.
 *
 * @param path where the bytes are; the receiver of this record moves it where it belongs
 * @param originalName the name the client sent, kept as data (shown to users, never used as a path)
 * @param safeName a file-system-safe version of that name (see {@link FileNames#sanitize})
 * @param size the number of bytes
 * @param sha256 the SHA-256 of the bytes, lower-case hex
 * @param metadata what the client said of the file besides its name (tus upload metadata), never null
 */
public record ReceivedFile(
        Path path, String originalName, String safeName, long size, String sha256, Map<String, String> metadata) {

    public ReceivedFile {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A file that came with no metadata but its name. */
    public ReceivedFile(Path path, String originalName, String safeName, long size, String sha256) {
        this(path, originalName, safeName, size, sha256, Map.of());
    }

    /** The same file with the client's metadata. */
    public ReceivedFile withMetadata(Map<String, String> more) {
        return new ReceivedFile(path, originalName, safeName, size, sha256, more);
    }
}
