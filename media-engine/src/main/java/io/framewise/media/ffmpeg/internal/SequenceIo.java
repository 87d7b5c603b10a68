package io.framewise.media.ffmpeg.internal;

import io.framewise.media.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext.Io_close2_AVFormatContext_AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext.Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Opens the images of a sequence through {@link MediaSource} channels, for a sequence whose files are
 * sealed: FFmpeg's image2 demuxer opens every numbered file by name through the context's {@code
 * io_open} callback, which this replaces (with {@code io_close2}) for one demuxer context.
 *
 * <p>Each image is read whole and authenticated when it is opened, before FFmpeg sees a byte of it:
 * a channel that fails half way would otherwise hand the decoder a shortened picture, which some
 * decoders show. A failed open is remembered, so the read that follows names the channel's reason.
 * As in {@link ChannelIo}, there is one callback of each kind for the process, and the context's
 * address finds the sequence it belongs to.
 */
final class SequenceIo implements AutoCloseable {

    /** Larger than any picture a sequence holds (an 8K 32-bit float EXR is about 400 MB). */
    private static final long MAX_IMAGE_BYTES = 1L << 30;

    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int EINVAL = 22;

    private static final Map<Long, SequenceIo> BY_CONTEXT = new ConcurrentHashMap<>();

    private static final Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer OPEN =
            new Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer() {
                @Override
                public int call(
                        AVFormatContext s, PointerPointer pb, BytePointer url, int flags, PointerPointer options) {
                    SequenceIo seq = BY_CONTEXT.get(s.address());
                    return seq == null ? -EIO : seq.open(pb, url.getString(), flags);
                }
            };

    private static final Io_close2_AVFormatContext_AVIOContext CLOSE = new Io_close2_AVFormatContext_AVIOContext() {
        @Override
        public int call(AVFormatContext s, AVIOContext pb) {
            SequenceIo seq = BY_CONTEXT.get(s.address());
            if (seq != null && pb != null && !pb.isNull()) {
                seq.close(pb.address());
            }
            return 0;
        }
    };

    private final long contextAddress;
    private final Path folder;
    private final Map<Long, ChannelIo> open = new HashMap<>();
    private volatile IOException failure;

    private SequenceIo(long contextAddress, Path folder) {
        this.contextAddress = contextAddress;
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * Makes {@code ctx} open its images through channels; only files below {@code folder} (the
     * manifest's) are opened. Close the result after the demuxer context is closed or freed.
     */
    static SequenceIo install(AVFormatContext ctx, Path folder) {
        SequenceIo seq = new SequenceIo(ctx.address(), folder);
        BY_CONTEXT.put(seq.contextAddress, seq);
        ctx.io_open(OPEN);
        ctx.io_close2(CLOSE);
        return seq;
    }

    /** What the last image that could not be opened or read failed with, if any. */
    IOException failure() {
        return failure;
    }

    private int open(PointerPointer pb, String url, int flags) {
        // Only the image being read explains a failed read: an earlier image's failure does not.
        failure = null;
        if ((flags & avformat.AVIO_FLAG_WRITE) != 0) {
            return -EINVAL;
        }
        Path file = Path.of(url).toAbsolutePath().normalize();
        if (!file.startsWith(folder)) {
            failure = new IOException(file + " is not inside the sequence's folder");
            return -EINVAL;
        }
        SeekableByteChannel channel;
        try {
            channel = channelFor(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return -ENOENT;
        } catch (IOException | RuntimeException e) {
            failure = new IOException(file.getFileName() + ": " + e.getMessage(), e);
            return -EIO;
        }
        ChannelIo io;
        try {
            io = ChannelIo.over(file, channel);
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
            return -EIO;
        }
        open.put(io.context().address(), io);
        pb.put(0, io.context());
        return 0;
    }

    /** A sealed image read whole (so it is authenticated before use), or a plain one read directly. */
    private static SeekableByteChannel channelFor(Path file) throws IOException {
        MediaSource source = MediaSource.of(file);
        if (source.opener().isEmpty()) {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        try (SeekableByteChannel sealed = source.opener().get().open()) {
            long size = sealed.size();
            if (size > MAX_IMAGE_BYTES) {
                throw new IOException("the image is larger than " + MAX_IMAGE_BYTES + " bytes");
            }
            BytePointer memory = new BytePointer(size);
            try {
                ByteBuffer target =
                        memory.position(0).capacity(size).limit(size).asByteBuffer();
                while (target.hasRemaining()) {
                    if (sealed.read(target) < 0) {
                        throw new IOException("the image ended at byte " + target.position() + " of " + size);
                    }
                }
                return new MemoryChannel(memory, target.flip());
            } catch (IOException | RuntimeException e) {
                memory.close();
                throw e;
            }
        }
    }

    private void close(long contextAddress) {
        ChannelIo io = open.remove(contextAddress);
        if (io != null) {
            if (io.failure() != null) {
                failure = io.failure();
            }
            io.close();
        }
    }

    /** Closes what the demuxer left open and forgets the context. */
    @Override
    public void close() {
        BY_CONTEXT.remove(contextAddress, this);
        List<ChannelIo> left = new ArrayList<>(open.values());
        open.clear();
        left.forEach(ChannelIo::close);
    }

    /** A read-only channel over native memory, freed when closed. */
    private static final class MemoryChannel implements SeekableByteChannel {
        private final BytePointer memory;
        private final ByteBuffer bytes;
        private final long size;
        private long position;
        private boolean closed;

        MemoryChannel(BytePointer memory, ByteBuffer bytes) {
            this.memory = memory;
            this.bytes = bytes;
            this.size = bytes.limit();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            checkOpen();
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), size - position);
            dst.put(bytes.duplicate().position((int) position).limit((int) (position + n)));
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            checkOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            checkOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position");
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            checkOpen();
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                memory.close();
            }
        }

        private void checkOpen() throws ClosedChannelException {
            if (closed) {
                throw new ClosedChannelException();
            }
        }
    }
}
