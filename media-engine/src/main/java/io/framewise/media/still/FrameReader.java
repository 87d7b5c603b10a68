package io.framewise.media.still;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.internal.FrameDecoder;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Frame-exact stills of one media file: {@code read(n)} is the picture of frame n of the {@link
 * FrameMap}, pixel for pixel what {@code ffmpeg -vf select=eq(n\,N)} gives, upright and with square
 * pixels. The demuxer and decoder stay open between reads and the frames decoded on the way to a
 * target are kept (within a memory budget), so stepping one frame back or forth, and reading nearby
 * frames, costs little.
 *
 * <p>Methods are synchronized: one read at a time per reader; use several readers for parallel work.
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

    private final FrameDecoder decoder;

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
        return decoder.read(frame);
    }

    /**
     * {@code frame} scaled to {@code width} pixels across (at least 16), the height following the
     * shown aspect ratio, rounded to even. A width at or beyond the shown width gives the full shown
     * size: pictures are never enlarged.
     */
    public Picture read(long frame, int width) {
        return decoder.read(frame, width);
    }

    /** Several frames at full size; see {@link #readAll(long[], int)}. */
    public List<Picture> readAll(long[] frames) {
        return decoder.readAll(frames);
    }

    /**
     * Several frames scaled to {@code width}, in the order asked (repeats allowed). The frames are
     * decoded in ascending order, each GOP at most once.
     */
    public List<Picture> readAll(long[] frames, int width) {
        return decoder.readAll(frames, width);
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
