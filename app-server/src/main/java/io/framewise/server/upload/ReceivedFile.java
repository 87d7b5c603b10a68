package io.framewise.server.upload;

import java.nio.file.Path;

/**
 * An upload that arrived completely and is on disk, synced, under the data folder.
 *
 * @param path where the bytes are; the receiver of this record moves it where it belongs
 * @param originalName the name the client sent, kept as data (shown to users, never used as a path)
 * @param safeName a file-system-safe version of that name (see {@link FileNames#sanitize})
 * @param size the number of bytes
 * @param sha256 the SHA-256 of the bytes, lower-case hex
 */
public record ReceivedFile(Path path, String originalName, String safeName, long size, String sha256) {}
