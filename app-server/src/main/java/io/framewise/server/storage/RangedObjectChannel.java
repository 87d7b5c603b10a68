package io.framewise.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only {@link SeekableByteChannel} over one stored object, read through ranged GETs of the
 * store ({@link MediaStore#range}) instead of fetching the whole object first (issue 18, ADR 0060
 * addendum). The media engine reads it through an AVIOContext ({@code MediaSource.channel}), so a
 * still of a cold original costs its headers and one GOP rather than the whole file.
 *
 * <p>The object is read in aligned blocks ({@code blockSize} bytes); the last {@code keptBlocks}
 * blocks used are kept, because a demuxer goes back and forth near the header, the index and a
 * keyframe, and each GET costs a round trip. Reads that go on where the last fetch ended are read
 * ahead: each following GET asks for twice as many blocks, up to {@link #MAX_AHEAD_BLOCKS}, so a
 * decoder running through a long GOP makes few requests; a jump starts again at one block.
 *
 * <p>Thread-confined: one user at a time, with no locking of its own (a {@code FrameReader}
 * serialises its reads, which also orders them between threads). Only the {@link Counter} may be
 * shared between channels and read from any thread.
 */
public final class RangedObjectChannel implements SeekableByteChannel {

    /** The default block: 1 MiB, about the bytes of a second of 1080p H.264 at 8 Mbit/s. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;

    /** Blocks kept by default: with read-ahead, the last few GETs' worth (8 MiB at most per channel). */
    public static final int DEFAULT_KEPT_BLOCKS = 8;

    /** The most blocks one GET asks for when reads run on. */
    public static final int MAX_AHEAD_BLOCKS = 4;

    /** Ranged GETs made and bytes they brought, over every channel that shares it. */
    public static final class Counter implements io.micrometer.core.instrument.binder.MeterBinder {
        private final AtomicLong gets = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        /** {@code framewise_storage_ranged_gets_total} and {@code framewise_storage_ranged_bytes_total}. */
        @Override
        public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "framewise.storage.ranged.gets", gets, AtomicLong::get)
                    .description("Ranged GETs of stored objects read in place (stills of cold large originals)")
                    .register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder(
                            "framewise.storage.ranged.bytes", bytes, AtomicLong::get)
                    .description("Bytes of stored objects read in place through ranged GETs")
                    .register(registry);
        }

        public long gets() {
            return gets.get();
        }

        public long bytes() {
            return bytes.get();
        }

        void fetched(long n) {
            gets.incrementAndGet();
            bytes.addAndGet(n);
        }
    }

    private final MediaStore store;
    private final StoredObject object;
    private final int blockSize;
    private final int keptBlocks;
    private final Counter counter;
    /** Block index to its bytes, least recently used first. */
    private final LinkedHashMap<Long, byte[]> blocks;

    private long position;
    /** The block after the last one fetched, so a read there counts as running on. */
    private long nextSequential = -1;
    /** Blocks the next running-on GET asks for. */
    private int ahead = 1;

    private boolean open = true;

    /** A channel with the default block size and number of kept blocks. */
    public RangedObjectChannel(MediaStore store, StoredObject object, Counter counter) {
        this(store, object, DEFAULT_BLOCK_SIZE, DEFAULT_KEPT_BLOCKS, counter);
    }

    /**
     * @param blockSize bytes per block (at least 4 KiB)
     * @param keptBlocks blocks kept (at least {@link #MAX_AHEAD_BLOCKS}, so one GET's blocks all stay)
     * @param counter where GETs and bytes are counted
     */
    public RangedObjectChannel(MediaStore store, StoredObject object, int blockSize, int keptBlocks, Counter counter) {
        if (blockSize < 4096) {
            throw new IllegalArgumentException("blockSize must be at least 4096 bytes, was " + blockSize);
        }
        if (keptBlocks < MAX_AHEAD_BLOCKS) {
            throw new IllegalArgumentException(
                    "keptBlocks must be at least " + MAX_AHEAD_BLOCKS + ", was " + keptBlocks);
        }
        if (object.size() < 0) {
            throw new IllegalArgumentException("stored object " + object.key() + " has a negative size");
        }
        this.store = store;
        this.object = object;
        this.blockSize = blockSize;
        this.keptBlocks = keptBlocks;
        this.counter = counter;
        this.blocks = new LinkedHashMap<>(keptBlocks * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > RangedObjectChannel.this.keptBlocks;
            }
        };
    }

    public StoredObject object() {
        return object;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= object.size()) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < object.size()) {
            long index = position / blockSize;
            byte[] block = block(index);
            int offset = (int) (position - index * blockSize);
            int n = Math.min(dst.remaining(), block.length - offset);
            dst.put(block, offset, n);
            position += n;
            total += n;
        }
        return total;
    }

    /** The bytes of block {@code index}, fetched (with the blocks read ahead) when not kept. */
    private byte[] block(long index) throws IOException {
        byte[] kept = blocks.get(index);
        if (kept != null) {
            return kept;
        }
        ahead = index == nextSequential ? Math.min(ahead * 2, MAX_AHEAD_BLOCKS) : 1;
        long lastBlock = (object.size() - 1) / blockSize;
        int count = 1;
        while (count < ahead && index + count <= lastBlock && !blocks.containsKey(index + count)) {
            count++;
        }
        long from = index * blockSize;
        long to = Math.min(object.size(), (index + count) * blockSize) - 1;
        byte[] bytes = fetch(from, to);
        for (int i = 0; i < count; i++) {
            int start = i * blockSize;
            int end = Math.min(bytes.length, start + blockSize);
            byte[] b = new byte[end - start];
            System.arraycopy(bytes, start, b, 0, b.length);
            blocks.put(index + i, b);
        }
        nextSequential = index + count;
        // Put the asked-for block last in the LRU order: it is the one in use.
        return blocks.get(index);
    }

    /** Bytes {@code from} to {@code to} (inclusive) in one ranged GET. */
    private byte[] fetch(long from, long to) throws IOException {
        int length = Math.toIntExact(to - from + 1);
        InputStream in;
        try {
            in = store.range(object, from, to);
        } catch (RuntimeException e) {
            // The store counted and logged it; the engine's error names the object and the offset.
            throw new IOException(where(from, to) + ": " + e.getMessage(), e);
        }
        byte[] bytes;
        try (in) {
            bytes = in.readNBytes(length);
        } catch (IOException | RuntimeException e) {
            store.rangeFailed(object, e);
            throw new IOException(where(from, to) + " broke off: " + e.getMessage(), e);
        }
        if (bytes.length != length) {
            IOException e = new IOException(
                    where(from, to) + " ended after " + bytes.length + " of " + length + " bytes (object changed?)");
            store.rangeFailed(object, e);
            throw e;
        }
        counter.fetched(length);
        return bytes;
    }

    private String where(long from, long to) {
        return "Cannot read stored object " + object.key() + " bytes " + from + "-" + to + " of " + object.size();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    /** Moves to {@code newPosition}; past the end is allowed (reads then answer -1). */
    @Override
    public RangedObjectChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException(
                    "position must not be negative, was " + newPosition + " in " + object.key());
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return object.size();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        blocks.clear();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "ranged channel on " + object.key() + " at " + position + " of " + object.size();
    }
}
