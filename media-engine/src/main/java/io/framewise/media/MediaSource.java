package io.framewise.media;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the engine reads a media file from: the file itself, or a channel that yields the file's
 * bytes (an encrypted file decrypted on the fly). Either way {@link #file()} names it in errors.
 *
 * <p>A server that keeps its files sealed registers a {@link Resolver}: every reader that is given a
 * plain path ({@link #of(Path)}) then reads a file the resolver claims through its channel, so no
 * reader needs a second entry point. A resolver claims only files it recognises (by their header),
 * so plain files beside them, and other servers in the same process, are not affected.
 */
public final class MediaSource {

    /** Opens a fresh channel on the file's bytes; each open has its own position. */
    @FunctionalInterface
    public interface ChannelOpener {
        SeekableByteChannel open() throws IOException;
    }

    /** Says whether a file must be read through a channel, and how to open one. */
    @FunctionalInterface
    public interface Resolver {
        Optional<ChannelOpener> channelFor(Path file);
    }

    private static final List<Resolver> RESOLVERS = new CopyOnWriteArrayList<>();

    private final Path file;
    private final ChannelOpener opener;

    private MediaSource(Path file, ChannelOpener opener) {
        this.file = Objects.requireNonNull(file, "file");
        this.opener = opener;
    }

    /** The file read directly by FFmpeg, whatever the resolvers say. */
    public static MediaSource path(Path file) {
        return new MediaSource(file, null);
    }

    /** The bytes of a channel; {@code name} is only used in messages and for sibling lookups. */
    public static MediaSource channel(Path name, ChannelOpener opener) {
        return new MediaSource(name, Objects.requireNonNull(opener, "opener"));
    }

    /** The file, through the channel of the first resolver that claims it, else directly. */
    public static MediaSource of(Path file) {
        for (Resolver r : RESOLVERS) {
            Optional<ChannelOpener> opener = r.channelFor(file);
            if (opener.isPresent()) {
                return new MediaSource(file, opener.get());
            }
        }
        return path(file);
    }

    /** Registers a resolver; closing the returned handle removes it again. */
    public static AutoCloseable register(Resolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        RESOLVERS.add(resolver);
        return () -> RESOLVERS.remove(resolver);
    }

    public Path file() {
        return file;
    }

    /** The channel opener, when this source is read through one. */
    public Optional<ChannelOpener> opener() {
        return Optional.ofNullable(opener);
    }

    /** The file's size in plain bytes (the decrypted size when read through a channel). */
    public long size() throws IOException {
        if (opener == null) {
            return java.nio.file.Files.size(file);
        }
        try (SeekableByteChannel ch = opener.open()) {
            return ch.size();
        }
    }

    /**
     * The whole file's bytes (decrypted when read through a channel), for small side files such as
     * subtitles; refuses a file larger than {@code maxBytes} before reading it.
     */
    public byte[] readAllBytes(int maxBytes) throws IOException {
        if (opener == null) {
            long size = java.nio.file.Files.size(file);
            if (size > maxBytes) {
                throw new IOException(file.getFileName() + " is larger than " + maxBytes + " bytes");
            }
            return java.nio.file.Files.readAllBytes(file);
        }
        try (SeekableByteChannel ch = opener.open()) {
            long size = ch.size();
            if (size > maxBytes) {
                throw new IOException(file.getFileName() + " is larger than " + maxBytes + " bytes");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new IOException(file.getFileName() + " ended at byte " + b.position() + " of " + size);
                }
            }
            return b.array();
        }
    }

    @Override
    public String toString() {
        return opener == null ? file.toString() : file + " (channel)";
    }
}
