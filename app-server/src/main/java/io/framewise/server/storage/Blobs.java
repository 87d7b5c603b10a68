package io.framewise.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The few things {@link MediaStore} asks of a store, by key: the path of a file relative to the data
 * folder with forward slashes ("media/ID/proxy.mp4"). A folder and an S3 bucket answer them.
 */
interface Blobs extends AutoCloseable {

    /** The object's size in bytes, or -1 when there is none. */
    default long size(String key) throws IOException {
        StoredObject o = stat(key);
        return o == null ? -1 : o.size();
    }

    /** The object's size and time, or null when there is none. */
    StoredObject stat(String key) throws IOException;

    /** Stores {@code file} under {@code key}, replacing what was there; readers see all of it or nothing. */
    void put(String key, Path file) throws IOException;

    /** Writes the object into {@code target} (replaced); false when there is no such object. */
    boolean get(String key, Path target) throws IOException;

    /** The bytes {@code from} to {@code to} (inclusive) of the object, or null when there is none. */
    InputStream range(String key, long from, long to) throws IOException;

    /** The keys under {@code prefix} (a folder's key ending in '/'). */
    List<String> list(String prefix) throws IOException;

    /** Deletes one object; nothing when there is none. */
    void delete(String key) throws IOException;

    /** Deletes every object under {@code prefix} (a folder's key ending in '/'). */
    void deleteAll(String prefix) throws IOException;

    @Override
    void close();
}
