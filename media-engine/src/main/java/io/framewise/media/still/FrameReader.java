package io.framewise.media.still;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.internal.FrameDecoder;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Frame-exact stills of one media file: {@code read(n)} is the picture of frame n of the {@link
 * FrameMap}, pixel for pixel what {@code ffmpeg -vf select=eq(n\,N)} gives, upright and with square
 * pixels. The demuxer and decoder stay open between reads and the frames decoded on the way to a
 * target are kept (within a memory budget), so stepping one frame back or forth, and reading nearby
 * frames, costs little.
 *
 * <p>Methods are synchronized: one read at a time per reader; use several readers for parallel work.
 * A background thread may {@link #prefetch decode ahead} of a viewer; it gives way within one decoded
 * picture as soon as a read arrives, so prefetching never holds up what a viewer waits for.
 */
public final class FrameReader implements Closeable {

    /**
     * How a reader balances memory against speed.
     *
     * @param cacheBytes the most memory decoded frames may hold
     * @param stepBackFrames how many frames before a target are kept so that stepping back is free
     * @param threads decoder threads; 0 lets FFmpeg choose
     */
    public record Options(long cacheBytes, int stepBackFrames, int threads) {

        public static final Options DEFAULT = new Options(256L << 20, 48, 2);

        public Options {
            if (cacheBytes < 0 || stepBackFrames < 0 || threads < 0) {
                throw new IllegalArgumentException(
                        "reader options must not be negative: " + cacheBytes + ", " + stepBackFrames + ", " + threads);
            }
        }
    }

    /**
     * What a reader has done so far.
     *
     * @param reads frames asked for (a batch counts each of its frames)
     * @param cacheHits of those, answered from decoded frames kept in memory
     * @param seeks demuxer seeks (and restarts from the beginning)
     * @param framesDecoded pictures the decoder handed out
     */
    public record Stats(long reads, long cacheHits, long seeks, long framesDecoded) {}

    /**
     * Decoded pictures a decoder holds besides the kept ones (references, frames in flight per thread):
     * an estimate, for pools that bound their readers' memory.
     */
    private static final int WORKING_PICTURES = 8;

    private final FrameDecoder decoder;
    /** Reads waiting for or running on the decoder: background prefetching stops while any is. */
    private final AtomicInteger foreground = new AtomicInteger();

    private final BooleanSupplier yieldToReads = () -> foreground.get() > 0;

    private FrameReader(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    /** Opens {@code file} and builds its frame map (one pass over the packets). */
    public static FrameReader open(Path file) {
        return open(file, null, Options.DEFAULT);
    }

    /** Opens {@code file} with a frame map built earlier (a server keeps it with the media). */
    public static FrameReader open(Path file, FrameMap map) {
        return open(file, Objects.requireNonNull(map, "map"), Options.DEFAULT);
    }

    /** Opens {@code file} with a known frame map, or builds one when {@code map} is null. */
    public static FrameReader open(Path file, FrameMap map, Options options) {
        return new FrameReader(FrameDecoder.open(file, map, options));
    }

    /** Opens a source (a file or a channel on its bytes) with a known frame map, or builds one. */
    public static FrameReader open(io.framewise.media.MediaSource source, FrameMap map, Options options) {
        return new FrameReader(FrameDecoder.open(source, map, options));
    }

    public Path file() {
        return decoder.file();
    }

    public FrameMap frameMap() {
        return decoder.frameMap();
    }

    public long frameCount() {
        return decoder.frameCount();
    }

    public Options options() {
        return decoder.options();
    }

    public Stats stats() {
        return decoder.stats();
    }

    /** {@code frame} at its full shown size. */
    public Picture read(long frame) {
        foreground.incrementAndGet();
        try {
            return decoder.read(frame);
        } finally {
            foreground.decrementAndGet();
        }
    }

    /**
     * {@code frame} scaled to {@code width} pixels across (at least 16), the height following the
     * shown aspect ratio, rounded to even. A width at or beyond the shown width gives the full shown
     * size: pictures are never enlarged.
     */
    public Picture read(long frame, int width) {
        foreground.incrementAndGet();
        try {
            return decoder.read(frame, width);
        } finally {
            foreground.decrementAndGet();
        }
    }

    /** Several frames at full size; see {@link #readAll(long[], int)}. */
    public List<Picture> readAll(long[] frames) {
        foreground.incrementAndGet();
        try {
            return decoder.readAll(frames);
        } finally {
            foreground.decrementAndGet();
        }
    }

    /**
     * Several frames scaled to {@code width}, in the order asked (repeats allowed). The frames are
     * decoded in ascending order, each GOP at most once.
     */
    public List<Picture> readAll(long[] frames, int width) {
        foreground.incrementAndGet();
        try {
            return decoder.readAll(frames, width);
        } finally {
            foreground.decrementAndGet();
        }
    }

    /**
     * Background work: decodes until frame {@code frame} and up to {@code keepBehind} frames before it
     * (at most {@link #stepBackFrames()}) are kept in memory, so reading them costs only a conversion.
     * Returns true once they are; false when it stopped early, because a read arrived or {@code
     * cancelled} said so (the decoder keeps its place and a later call goes on from there).
     */
    public boolean prefetch(long frame, int keepBehind, BooleanSupplier cancelled) {
        if (yieldToReads.getAsBoolean() || cancelled.getAsBoolean()) {
            return false;
        }
        return decoder.prefetch(frame, keepBehind, () -> yieldToReads.getAsBoolean() || cancelled.getAsBoolean());
    }

    /**
     * Frame {@code frame} at {@code width} (0: full size) when it is kept in memory, else null: never
     * decodes, for encoding prefetched frames in the background.
     */
    public Picture readKept(long frame, int width) {
        return decoder.readKept(frame, width);
    }

    /** Whether frame {@code frame} is decoded and kept in memory. */
    public boolean isKept(long frame) {
        return decoder.isKept(frame);
    }

    /** How many frames before a target a step back keeps decoded (within the options' memory). */
    public int stepBackFrames() {
        return decoder.stepBackFrames();
    }

    /**
     * About how much memory the reader holds: its kept pictures plus an estimate of the decoder's own
     * pictures. Cheap and safe to call while another thread reads.
     */
    public long memoryBytes() {
        return decoder.keptBytes()
                + decoder.frameBytes() * (WORKING_PICTURES + options().threads());
    }

    /** The bytes of the decoded pictures kept now; cheap and safe to call while another thread reads. */
    public long keptBytes() {
        return decoder.keptBytes();
    }

    /** Drops the kept pictures (memory pressure); later reads decode again. Waits for a running read. */
    public void dropKept() {
        decoder.dropKept();
    }

    @Override
    public void close() {
        decoder.close();
    }

    @Override
    public String toString() {
        return "FrameReader[" + file() + ", " + frameMap() + "]";
    }
}
