package io.framewise.media.still;

import io.framewise.media.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writing stills to files so that a reader never sees half a file: the bytes go to a temporary file
 * beside the target, are flushed to disk, and are moved over the target in one step.
 */
public final class Stills {

    private Stills() {}

    /**
     * Encodes {@code picture} in the format {@code file}'s extension names ({@link
     * StillFormat#fromFileName}) and writes it atomically; returns the format used.
     */
    public static StillFormat write(Path file, Picture picture, int quality) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        StillFormat format = StillFormat.fromFileName(name == null ? file.toString() : name.toString());
        write(file, StillEncoder.encode(picture, format, quality));
        return format;
    }

    /** Writes {@code bytes} to {@code file} atomically, replacing what was there. */
    public static void write(Path file, byte[] bytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bytes, "bytes");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its owner-only permissions would stay on the finished file.
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new MediaException.WriteFailed(file, "cannot write the still: " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; a stray temporary file is all that is left.
                }
            }
        }
    }
}
