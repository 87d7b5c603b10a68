package io.framewise.server.attachments;

import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.storage.MediaStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where note attachments lie: {@code <data>/attachments/<note id>/<attachment id>.png}. A file is
 * written beside its final name, synced and renamed, so a crash never leaves half a picture under a
 * name a row points at. With a shared media store (ADR 0060) the file is published there too, and a
 * node that lacks it fetches it on first read. With encryption at rest the file is sealed under the
 * library's own data key (ADR 0061).
 */
public final class AttachmentFiles {

    public static final String DIR = "attachments";

    private final Path dataDir;
    private final MediaStore store;

    public AttachmentFiles(Path dataDir, MediaStore store) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.store = store;
    }

    /** Stores a PNG for attachment {@code id} of note {@code noteId}; returns its path relative to the data folder. */
    public String writePng(String noteId, String id, byte[] png) throws IOException {
        Path dir = PrivateFiles.directories(dataDir.resolve(DIR).resolve(noteId));
        Path target = dir.resolve(id + ".png");
        if (SealedMedia.on(target)) {
            // Sealed from memory under the library's key (synced temporary file, then a rename).
            SealedMedia.write(target, png);
        } else {
            Path part = dir.resolve(id + ".png.part");
            Files.write(
                    part,
                    png,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            MediaFiles.moveDurably(part, target);
        }
        store.publish(target);
        return dataDir.relativize(target).toString().replace('\\', '/');
    }

    /** A stored attachment's picture (decrypted when encryption at rest sealed it). */
    public byte[] read(String relative) throws IOException {
        return SealedMedia.readAllBytes(resolve(relative));
    }

    /**
     * The file of a stored attachment, fetched from the shared store when this node lacks it; refuses
     * a path that would leave the attachments folder.
     */
    public Path resolve(String relative) {
        return store.localize(local(relative));
    }

    private Path local(String relative) {
        Path root = dataDir.resolve(DIR);
        Path file = dataDir.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalStateException("attachment path outside the attachments folder: " + relative);
        }
        return file;
    }

    /** Removes what {@link #writePng} wrote when the row that would point at it was not stored. */
    public void delete(String relative) {
        try {
            Path file = local(relative);
            Files.deleteIfExists(file);
            store.delete(file);
        } catch (IOException | RuntimeException e) {
            // Nothing points at the file; a leftover is only disk space.
        }
    }
}
