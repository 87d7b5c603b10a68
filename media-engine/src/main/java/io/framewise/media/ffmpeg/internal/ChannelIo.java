package io.framewise.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import io.framewise.media.MediaException;
import io.framewise.media.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A custom AVIOContext that reads a {@link SeekableByteChannel}. FFmpeg calls back into Java for
 * every buffer it fills and every seek it makes.
 *
 * <p>JavaCPP has only a few native thunks per callback class, so there is exactly one read and one
 * seek callback for the whole process (held in static fields, so they are never collected while
 * FFmpeg may call them); each context's {@code opaque} pointer carries an id that finds its channel.
 */
final class ChannelIo implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int EIO = 5;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;

    private static final Map<Long, ChannelIo> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            ChannelIo io = OPEN.get(new LongPointer(opaque).get());
            return io == null ? -EIO : io.read(buf, size);
        }
    };

    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            ChannelIo io = OPEN.get(new LongPointer(opaque).get());
            return io == null ? -EIO : io.seek(offset, whence);
        }
    };

    private final Path file;
    private final SeekableByteChannel channel;
    private final long id;
    private final LongPointer opaque;
    private AVIOContext context;
    private volatile IOException failure;

    private ChannelIo(Path file, SeekableByteChannel channel) {
        this.file = file;
        this.channel = channel;
        this.id = IDS.incrementAndGet();
        this.opaque = new LongPointer(1).put(id);
    }

    /** Opens the source's channel and wraps it in an AVIOContext ready for {@code pb}. */
    static ChannelIo open(MediaSource source) {
        Path file = source.file();
        SeekableByteChannel channel;
        try {
            channel = source.opener().orElseThrow().open();
        } catch (IOException | RuntimeException e) {
            throw new MediaException.NotFound(file, "cannot open the channel: " + e.getMessage());
        }
        return over(file, channel);
    }

    /** Wraps an open channel (closed with the context) in an AVIOContext; {@code file} names it in errors. */
    static ChannelIo over(Path file, SeekableByteChannel channel) {
        ChannelIo io = new ChannelIo(file, channel);
        OPEN.put(io.id, io);
        BytePointer buffer = new BytePointer(av_malloc(BUFFER_SIZE));
        if (buffer.isNull()) {
            io.close();
            throw new MediaException.Corrupt(file, "out of memory for the read buffer", "av_malloc", 0, null);
        }
        io.context = avio_alloc_context(buffer, BUFFER_SIZE, 0, io.opaque, READ, null, SEEK);
        if (io.context == null || io.context.isNull()) {
            av_free(buffer);
            io.context = null;
            io.close();
            throw new MediaException.Corrupt(file, "cannot set up channel reading", "avio_alloc_context", 0, null);
        }
        return io;
    }

    AVIOContext context() {
        return context;
    }

    /** What the channel last threw, so a failed native call can say why. */
    IOException failure() {
        return failure;
    }

    private int read(BytePointer buf, int size) {
        try {
            ByteBuffer target = buf.position(0).capacity(size).limit(size).asByteBuffer();
            int total = 0;
            while (target.hasRemaining()) {
                int n = channel.read(target);
                if (n < 0) {
                    break;
                }
                total += n;
                if (n == 0) {
                    break;
                }
            }
            return total == 0 ? AVERROR_EOF : total;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            return -EIO;
        }
    }

    private long seek(long offset, int whence) {
        try {
            int how = whence & ~AVSEEK_FORCE;
            if ((how & AVSEEK_SIZE) != 0) {
                return channel.size();
            }
            long target =
                    switch (how) {
                        case SEEK_SET -> offset;
                        case SEEK_CUR -> channel.position() + offset;
                        case SEEK_END -> channel.size() + offset;
                        default -> -1;
                    };
            if (target < 0) {
                return -EIO;
            }
            channel.position(target);
            return target;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            return -EIO;
        }
    }

    /**
     * Frees the context and its buffer (FFmpeg may have replaced the buffer we gave it, so the one it
     * holds now is freed) and closes the channel. Call after {@code avformat_close_input}, which leaves
     * a custom context alone.
     */
    @Override
    public void close() {
        OPEN.remove(id);
        if (context != null) {
            BytePointer buffer = context.buffer();
            if (buffer != null && !buffer.isNull()) {
                av_free(buffer);
                context.buffer(null);
            }
            avio_context_free(context);
            context = null;
        }
        opaque.close();
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it: a failing close loses nothing.
        }
    }

    @Override
    public String toString() {
        return "channel " + id + " on " + file;
    }
}
