package io.framewise.server.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The few calls the rest of the server makes about sealed files, each a no-op pass-through when
 * encryption at rest is off for the file's data folder: seal a file once it is finished, and read a
 * file's plain bytes whether it is sealed or not. Keeping them here keeps the call sites one line.
 */
public final class SealedMedia {

    private static final List<AtRest> OPEN = new CopyOnWriteArrayList<>();

    private SealedMedia() {}

    static void add(AtRest atRest) {
        OPEN.add(atRest);
    }

    static void remove(AtRest atRest) {
        OPEN.remove(atRest);
    }

    /** The encryption in force for a file's data folder, if any. */
    public static Optional<AtRest> find(Path file) {
        Path p = file.toAbsolutePath().normalize();
        for (AtRest a : OPEN) {
            if (p.startsWith(a.dataDir())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether finished files under this path are sealed. */
    public static boolean on(Path file) {
        return find(file).isPresent();
    }

    /** Seals a finished file in place when encryption is on for its folder. */
    public static void sealIfOn(Path file) throws IOException {
        Optional<AtRest> a = find(file);
        if (a.isPresent()) {
            a.get().sealInPlace(file);
        }
    }

    /**
     * Writes a small finished file (frame map, still, thumbnail) in one step: sealed from memory when
     * encryption is on for its folder, else as the engine writes stills.
     */
    public static void write(Path target, byte[] bytes) {
        Optional<AtRest> a = find(target);
        if (a.isPresent()) {
            try {
                a.get().write(target, bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
            }
        } else {
            io.framewise.media.still.Stills.write(target, bytes);
        }
    }

    /** Seals every file under a finished folder (an HLS ladder) when encryption is on for it. */
    public static void sealTreeIfOn(Path folder) throws IOException {
        if (!on(folder)) {
            return;
        }
        List<Path> found;
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            found = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : found) {
            sealIfOn(file);
        }
    }

    /** A file's plain bytes, positioned at 0: decrypted when the file is sealed. */
    public static SeekableByteChannel open(Path file) throws IOException {
        Optional<AtRest> a = find(file);
        if (a.isPresent()) {
            return a.get().open(file);
        }
        if (AtRest.isSealed(file)) {
            throw new IOException(file + " is sealed and encryption at rest is not on for it");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** A file's plain bytes as a stream. */
    public static InputStream newInputStream(Path file) throws IOException {
        return Channels.newInputStream(open(file));
    }

    /** A small file's plain bytes (frame maps, stills, thumbnails). */
    public static byte[] readAllBytes(Path file) throws IOException {
        if (!on(file)) {
            return Files.readAllBytes(file);
        }
        try (SeekableByteChannel ch = open(file)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large to read at once");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {}
            return b.array();
        }
    }

    /** Whether a file is sealed and encryption is on for its folder (so it is to be decrypted). */
    public static boolean sealedHere(Path file) {
        return on(file) && AtRest.isSealed(file);
    }

    /**
     * Writes plain bytes [offset, offset + length) of a sealed file: only the chunks of the range are
     * read and decrypted. A chunk that does not authenticate throws (an error answer when nothing was
     * sent yet, else the connection is cut): the client never gets other bytes. A client that stops
     * listening only ends the copy.
     */
    public static void copyRange(Path file, long offset, long length, java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.min(256 * 1024, Math.max(1, length))];
        try (SeekableByteChannel ch = open(file)) {
            ch.position(offset);
            long left = length;
            while (left > 0) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, left));
                int n = ch.read(b);
                if (n < 0) {
                    throw new IOException(file + " ended early at byte " + (offset + length - left));
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(SealedMedia.class)
                            .debug("Streaming sealed {} stopped: {}", file.getFileName(), e.toString());
                    return;
                }
                left -= n;
            }
        }
    }

    /** A file's plain size (the sealed header's, when sealed). */
    public static long size(Path file) throws IOException {
        if (!on(file)) {
            return Files.size(file);
        }
        try (SeekableByteChannel ch = open(file)) {
            return ch.size();
        }
    }
}
