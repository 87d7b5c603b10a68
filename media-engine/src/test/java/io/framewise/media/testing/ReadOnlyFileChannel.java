package io.framewise.media.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only channel on a file's bytes from {@code offset} on, for tests that stand in for a
 * server's channels (a sealed file, a failing store): subclasses change what {@link #read} gives.
 */
public class ReadOnlyFileChannel implements SeekableByteChannel {

    private final FileChannel inner;
    private final long offset;

    public ReadOnlyFileChannel(Path file, long offset) throws IOException {
        this.inner = FileChannel.open(file, StandardOpenOption.READ);
        this.offset = offset;
        inner.position(offset);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return inner.read(dst);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return inner.position() - offset;
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        inner.position(p + offset);
        return this;
    }

    @Override
    public long size() throws IOException {
        return inner.size() - offset;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
