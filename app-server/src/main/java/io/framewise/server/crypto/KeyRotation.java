package io.framewise.server.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * {@code framewise keys rotate}: re-wraps every data key of a library under a new master key. Only
 * the small key files are rewritten (each in one rename), never the media. It is resumable: a key
 * already under the new master key is skipped, so an interrupted run is finished by running it
 * again. The library's own key (which opens the check file) goes last, so until every item's key is
 * rotated the old key still starts the server, which then says the rotation is unfinished.
 *
 * <p>It may run while servers serve the library, when they were started with the new key and the old
 * one as their previous key ({@code --previous-key-file}): a server keeps the data keys it unwrapped
 * (a data key never changes, only its wrapping), opens a key file in either wrapping, and wraps the
 * keys of new items under the new key, which the rotation then finds already done.
 */
public final class KeyRotation {

    /** What a rotation did. */
    public record Result(int rewrapped, int alreadyNew) {}

    private KeyRotation() {}

    public static Result rotate(Path dataDir, MasterKey current, MasterKey next) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (current.id().equals(next.id())) {
            throw new IllegalArgumentException("the new key is the current key (" + current.id() + ")");
        }
        if (!Files.exists(dir.resolve(AtRest.CHECK_FILE))) {
            throw new IllegalArgumentException(dir + " is not a library encrypted at rest (no check file)");
        }
        int rewrapped = 0;
        int already = 0;
        for (Path file : keyFiles(dir)) {
            String name = dir.relativize(file.getParent()).toString().replace('\\', '/');
            try {
                DataKeys.Wrapped wrapped = DataKeys.read(file, name);
                if (wrapped.masterKeyId().equals(next.id())) {
                    already++;
                    continue;
                }
                SecretKey key = DataKeys.unwrap(wrapped, current);
                DataKeys.replace(file, DataKeys.wrap(name, key, next));
                rewrapped++;
            } catch (java.nio.file.NoSuchFileException gone) {
                // The item was deleted by a running server meanwhile: its key went with it.
            }
        }
        return new Result(rewrapped, already);
    }

    /** Every data key file of a library: the items' first, the library's own last. */
    static List<Path> keyFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path item : AtRest.list(dir.resolve("media"))) {
            Path key = item.resolve(DataKeys.FILE_NAME);
            if (Files.isRegularFile(key)) {
                out.add(key);
            }
        }
        Path own = dir.resolve("encryption").resolve(DataKeys.FILE_NAME);
        if (Files.isRegularFile(own)) {
            out.add(own);
        }
        return out;
    }

    /** The names of data keys wrapped by a master key {@code keys} was not opened with. */
    static List<String> wrappedByOthers(Path dir, DataKeys keys) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path file : keyFiles(dir)) {
            String name = dir.relativize(file.getParent()).toString().replace('\\', '/');
            try {
                if (!keys.knows(DataKeys.read(file, name).masterKeyId())) {
                    out.add(name);
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // Deleted with its item while the keys were listed.
            }
        }
        return out;
    }
}
