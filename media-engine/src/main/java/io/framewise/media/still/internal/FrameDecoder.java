package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.internal.PacketScan;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The decoding behind {@link FrameReader}: seeks, decodes forward and caches frames.
 *
 * <p>How a frame is reached: seek back to the keyframe at or before it (or, when the first shown
 * frame is no keyframe, as after an MP4 edit list, to the frame itself, which lets the demuxer find the
 * hidden keyframe), flush, and decode forward until the decoder hands out the frame whose timestamp
 * is the map's. When the demuxer seeks imprecisely and the first frame is already past the target,
 * it seeks one keyframe further back, and finally decodes from the start. A target ahead in the same
 * or the next GOP is reached by decoding on without a seek. Non-reference pictures before the frames
 * worth keeping are not decoded at all.
 *
 * <p>Methods are synchronized: one read at a time per reader; use several readers for parallel work.
 */
public final class FrameDecoder implements Closeable {

    private final Path file;
    private final FrameMap map;
    private final FrameReader.Options options;
    private final DecodeCursor cursor;
    private final PictureConverter converter;
    private final DecodedFrameCache cache;
    private final int stepBack;
    private final long frameBytes;

    /** Frames kept behind a jump's target: enough for a step or two back without a full window. */
    private static final int JUMP_KEEP_BEHIND = 2;

    /** Frames worth decoding on through rather than flushing and seeking. */
    private static final int CONTINUE_SLACK = 8;
    /** The index of the frame the decoder handed out last, or -1 when unknown (after a seek). */
    private long position = -1;
    /** The index of the last single read, to tell stepping back from jumping around. */
    private long lastRead = -1;
    /** Whether the last positioning started over from the beginning of the file. */
    private boolean rewound;

    private long reads;
    private long cacheHits;
    private long seeks;
    private long framesDecoded;
    private boolean closed;
    /**
     * Whether some frame's time was repaired. Non-reference skipping then stays off: it decides by
     * packet pts, and a repaired picture's packet carries a time the map no longer holds.
     */
    private final boolean repaired;

    private final boolean tickTellsRepairs;

    private FrameDecoder(MediaInput input, FrameMap map, FrameReader.Options options) {
        this.file = input.file();
        this.map = map;
        this.options = options;
        AVStream stream = input.stream(map.streamIndex());
        AVCodecParameters par = stream.codecpar();
        Orientation orientation = Orientation.of(par);
        this.converter = new PictureConverter(
                file,
                orientation,
                stream.sample_aspect_ratio().num(),
                stream.sample_aspect_ratio().den());
        this.cache = new DecodedFrameCache(options.cacheBytes());
        long frameBytes = av_image_get_buffer_size(par.format(), par.width(), par.height(), 1);
        if (frameBytes <= 0) {
            frameBytes = 4L * Math.max(1, par.width()) * Math.max(1, par.height());
        }
        // Leave room for the target itself and a frame of slack.
        this.frameBytes = frameBytes;
        long fit = Math.max(0, options.cacheBytes() / frameBytes - 2);
        this.stepBack = (int) Math.min(options.stepBackFrames(), fit);
        this.tickTellsRepairs = tickTellsRepairs(map);
        this.repaired = anyRepaired();
        // Last: from here the cursor owns the input, and nothing after it can fail.
        this.cursor = new DecodeCursor(input, map.streamIndex(), options.threads());
    }

    /** Opens {@code file} and builds its frame map (one pass over the packets). */
    public static FrameDecoder open(Path file) {
        return open(file, null, FrameReader.Options.DEFAULT);
    }

    /** Opens {@code file} with a frame map built earlier (a server keeps it with the media). */
    public static FrameDecoder open(Path file, FrameMap map) {
        return open(file, Objects.requireNonNull(map, "map"), FrameReader.Options.DEFAULT);
    }

    /** Opens {@code file} with a known frame map, or builds one when {@code map} is null. */
    public static FrameDecoder open(Path file, FrameMap map, FrameReader.Options options) {
        Objects.requireNonNull(file, "file");
        return open(io.framewise.media.MediaSource.of(file), map, options);
    }

    /** Opens a source (a file, or a channel on its bytes) with a known frame map, or builds one. */
    public static FrameDecoder open(io.framewise.media.MediaSource source, FrameMap map, FrameReader.Options options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Ffmpeg.init();
        MediaInput input = MediaInput.open(source);
        try {
            FrameMap frames = map != null ? map : PacketScan.build(input);
            checkMapFits(input, frames);
            return new FrameDecoder(input, frames, options);
        } catch (RuntimeException | Error e) {
            input.close();
            throw e;
        }
    }

    private static void checkMapFits(MediaInput input, FrameMap map) {
        int s = map.streamIndex();
        if (s < 0 || s >= input.streamCount() || input.stream(s).codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
            throw new IllegalArgumentException(
                    "the frame map names stream " + s + ", which is not a video stream of " + input.file());
        }
        if (map.frameCount() == 0) {
            throw new MediaException.Corrupt(input.file(), "the video stream holds no frames");
        }
    }

    public Path file() {
        return file;
    }

    public FrameMap frameMap() {
        return map;
    }

    public long frameCount() {
        return map.frameCount();
    }

    public FrameReader.Options options() {
        return options;
    }

    public synchronized FrameReader.Stats stats() {
        return new FrameReader.Stats(reads, cacheHits, seeks, framesDecoded);
    }

    /** Frame {@code index} at its full shown size. */
    public synchronized Picture read(long index) {
        return readScaled(index, 0);
    }

    /**
     * Frame {@code index} scaled to {@code width} pixels across (at least {@value
     * PictureConverter#MIN_WIDTH}), the height following the shown aspect ratio, rounded to even. A
     * width at or beyond the shown width gives the full shown size: pictures are never enlarged.
     */
    public synchronized Picture read(long index, int width) {
        return readScaled(index, checkWidth(width));
    }

    /** Several frames at full size; see {@link #readAll(long[], int)}. */
    public synchronized List<Picture> readAll(long[] indices) {
        return readBatch(indices, 0);
    }

    /**
     * Several frames scaled to {@code width}, in the order asked (repeats allowed). The frames are
     * decoded in ascending order, each GOP at most once.
     */
    public synchronized List<Picture> readAll(long[] indices, int width) {
        return readBatch(indices, checkWidth(width));
    }

    private static int checkWidth(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive: " + width);
        }
        if (width > PictureConverter.MAX_SIDE) {
            throw new IllegalArgumentException(
                    "width " + width + " is larger than the " + PictureConverter.MAX_SIDE + " pixel limit");
        }
        return width;
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= map.frameCount()) {
            throw new IllegalArgumentException("frame " + index + " does not exist: " + file + " has "
                    + map.frameCount() + " frames (0.." + (map.frameCount() - 1) + ")");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the frame reader is closed: " + file);
        }
    }

    private Picture readScaled(long index, int width) {
        checkOpen();
        checkIndex(index);
        reads++;
        int keep = keepBehindFor(index);
        lastRead = index;
        return converter.convert(decodeTo(index, keep, null), index, width);
    }

    private List<Picture> readBatch(long[] indices, int width) {
        checkOpen();
        Objects.requireNonNull(indices, "indices");
        for (long i : indices) {
            checkIndex(i);
        }
        long[] ascending = Arrays.stream(indices).distinct().sorted().toArray();
        Map<Long, Picture> pictures = new HashMap<>();
        for (long index : ascending) {
            reads++;
            // Nothing is kept for stepping: the frames between targets are not wanted again.
            pictures.put(index, converter.convert(decodeTo(index, 0, null), index, width));
        }
        List<Picture> out = new ArrayList<>(indices.length);
        for (long i : indices) {
            out.add(pictures.get(i));
        }
        return out;
    }

    /**
     * How many frames before {@code index} to decode fully and cache. Frames kept for stepping back
     * cannot skip non-reference pictures, so they are only worth decoding once the viewer steps back;
     * a jump keeps just its neighbours, and the first step back past them fills the whole window.
     */
    private int keepBehindFor(long index) {
        boolean steppingBack = lastRead >= 0 && index < lastRead && lastRead - index <= stepBack;
        return steppingBack ? stepBack : Math.min(stepBack, JUMP_KEEP_BEHIND);
    }

    /**
     * Decodes ahead of need: afterwards frame {@code target} and up to {@code keepBehind} frames before
     * it are kept in memory, so reading them costs only a conversion. Checks {@code stop} after every
     * decoded picture and returns false when it says so (the decoder keeps its position, and the next
     * call goes on from there), true once the target is kept. For a background thread that must give
     * way to the reads a viewer waits for.
     */
    public synchronized boolean prefetch(long target, int keepBehind, BooleanSupplier stop) {
        checkOpen();
        checkIndex(target);
        Objects.requireNonNull(stop, "stop");
        if (cache.get(target) != null) {
            return true;
        }
        return decodeTo(target, Math.max(0, Math.min(keepBehind, stepBack)), stop) != null;
    }

    /**
     * Frame {@code index} scaled to {@code width} (0: full size) if it is kept in memory, else null;
     * decodes nothing and does not count as a viewer's read (background encoding of prefetched frames).
     */
    public synchronized Picture readKept(long index, int width) {
        checkOpen();
        checkIndex(index);
        AVFrame kept = cache.get(index);
        return kept == null ? null : converter.convert(kept, index, width == 0 ? 0 : checkWidth(width));
    }

    /** Whether frame {@code index} is kept in memory. */
    public synchronized boolean isKept(long index) {
        return !closed && index >= 0 && index < map.frameCount() && cache.get(index) != null;
    }

    /** How many frames before a target a step back keeps (the options' count, as the budget allows). */
    public int stepBackFrames() {
        return stepBack;
    }

    /** The bytes of one decoded picture at full size. */
    public long frameBytes() {
        return frameBytes;
    }

    /** The bytes the kept decoded frames take now; safe to call without waiting for a read. */
    public long keptBytes() {
        return cache.usedBytes();
    }

    /** The most bytes the kept frames ever took (their buffers stay in the decoder's pool). */
    public long peakKeptBytes() {
        return cache.peakBytes();
    }

    /** Drops every kept frame (under memory pressure); reads decode again. */
    public synchronized void dropKept() {
        if (!closed) {
            cache.clear();
        }
    }

    /**
     * The decoded frame {@code target}, valid until the next decode; frames from {@code keepBehind}
     * before the target on are cached as they pass. With {@code stop} (background work), returns null
     * when it says to stop before the target is reached.
     */
    private AVFrame decodeTo(long target, int keepBehind, BooleanSupplier stop) {
        AVFrame hit = cache.get(target);
        if (hit != null) {
            cacheHits++;
            return hit;
        }
        long windowStart = Math.max(0, target - keepBehind);
        try {
            boolean fresh = !canContinueTo(target);
            int attempt = 0;
            long trustFrom = fresh ? seekFor(target, attempt) : 0;
            if (!repaired) {
                cursor.skipNonReferenceBefore(map.pts(windowStart), map.pts(target));
            }
            while (true) {
                AVFrame frame = cursor.next();
                long i = frame == null ? -1 : identify(frame);
                if (fresh && frame == null && rewound) {
                    throw endedBefore(target);
                }
                if (fresh && (frame == null || i > target)) {
                    // The demuxer landed after the target (or after the last keyframe): start further back.
                    attempt++;
                    trustFrom = seekFor(target, attempt);
                    continue;
                }
                if (frame == null) {
                    throw endedBefore(target);
                }
                if (i < 0 || (fresh ? i < trustFrom : i <= position)) {
                    continue;
                }
                fresh = false;
                position = i;
                framesDecoded++;
                if (i == target) {
                    AVFrame kept = cache.put(i, frame);
                    return kept != null ? kept : frame;
                }
                if (i > target) {
                    throw new MediaException.Corrupt(
                            file, "frame " + target + " cannot be decoded: the decoder went on to frame " + i);
                }
                if (i >= windowStart) {
                    cache.put(i, frame);
                }
                if (stop != null && stop.getAsBoolean()) {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            // The decoder's state is unknown after a failure: the next read starts with a seek.
            position = -1;
            throw e;
        }
    }

    /**
     * Whether decoding on from the current position is cheaper than seeking: it is when the decoder
     * already stands at or after the keyframe a seek would go to (or a few frames before it, where a
     * flush and seek cost more than the frames in between).
     */
    private boolean canContinueTo(long target) {
        if (position < 0 || cursor.isExhausted() || target <= position) {
            return false;
        }
        long key = map.keyframeAtOrBefore(target);
        return position >= key - CONTINUE_SLACK;
    }

    /**
     * Positions the cursor for {@code target}: attempt 0 at its keyframe (or at the target itself when
     * no keyframe precedes it), each further attempt one keyframe earlier, and last from the start.
     * Returns the first index whose pictures can be trusted: frames shown before the keyframe decoded
     * first may reference pictures the decoder never saw (open GOPs).
     */
    private long seekFor(long target, int attempt) {
        position = -1;
        seeks++;
        rewound = false;
        long point = safeKeyframeAtOrBefore(target);
        long pts = map.pts(point >= 0 ? point : target);
        for (int n = 0; n < attempt; n++) {
            point = point > 0 ? safeKeyframeAtOrBefore(point - 1) : -1;
            if (point < 0) {
                if (n < attempt - 1) {
                    throw new MediaException.Corrupt(
                            file, "frame " + target + " cannot be decoded: even decoding from the start passes it");
                }
                cursor.rewind();
                rewound = true;
                return 0;
            }
            pts = map.pts(point);
        }
        if (!cursor.seek(pts)) {
            cursor.rewind();
            rewound = true;
            return 0;
        }
        return Math.max(0, point);
    }

    /**
     * The index of a decoded frame by its timestamp, tolerating rounding of up to half a frame; -1 for
     * frames that are not in the map (before the first shown frame, or with no timestamp after a seek).
     */
    private long identify(AVFrame frame) {
        long ts = frame.best_effort_timestamp();
        if (!MediaInput.hasTimestamp(ts)) {
            if (position < 0 && rewound) {
                // Decoding from the start: the first picture out is frame 0 (raw streams carry no
                // times at all; the map then holds times placed one frame apart).
                return 0;
            }
            return position >= 0 && position + 1 < map.frameCount() ? position + 1 : -1;
        }
        if (position >= 0 && position + 1 < map.frameCount() && ts <= map.pts(position)) {
            // A decoder never outputs a picture twice: a timestamp at or before the last frame read
            // belongs to a picture whose colliding pts the frame map repaired, the next one in order.
            return position + 1;
        }
        long i = map.frameAtPts(ts);
        if (i + 1 < map.frameCount() && Math.abs(map.pts(i + 1) - ts) < Math.abs(map.pts(i) - ts)) {
            i++;
        }
        long tolerance = Math.max(1, map.duration(i) / 2);
        return Math.abs(map.pts(i) - ts) <= tolerance ? i : -1;
    }

    /**
     * The last keyframe at or before {@code frame} that a seek can land on unambiguously, or -1. A
     * keyframe whose pts the map repaired, or one whose pts a later packet repeats, carries a time
     * other packets share: the demuxer may land on any of them and the decoder's first pictures could
     * not be told apart. Such a seek starts at an earlier keyframe, and pictures are counted from there.
     */
    private long safeKeyframeAtOrBefore(long frame) {
        long k = map.keyframeAtOrBefore(frame);
        while (k > 0 && (isRepaired(k) || (k + 1 < map.frameCount() && isRepaired(k + 1)))) {
            k = map.keyframeAtOrBefore(k - 1);
        }
        return k;
    }

    /**
     * Whether the map moved frame {@code k}'s time: a repaired pts is one tick after its predecessor, a
     * step no real frame interval has. Its packet still carries the original time.
     */
    private boolean isRepaired(long k) {
        return tickTellsRepairs && k > 0 && map.pts(k) - map.pts(k - 1) == 1;
    }

    /**
     * Whether a one-tick step marks a repair: only when a frame lasts several ticks. With a time base
     * of one frame (AVI) every step is one tick, and seeks fall back on overshoot checks alone.
     */
    private static boolean tickTellsRepairs(FrameMap map) {
        double ticksPerFrame = (double) map.timeBaseDen()
                * map.frameRate().denominator()
                / ((double) map.timeBaseNum() * map.frameRate().numerator());
        return ticksPerFrame >= 3;
    }

    private boolean anyRepaired() {
        for (long k = 1; k < map.frameCount(); k++) {
            if (isRepaired(k)) {
                return true;
            }
        }
        return false;
    }

    private MediaException endedBefore(long target) {
        int code = cursor.endCode();
        String reason = position >= 0
                ? "frame " + target + " cannot be read: decoding ends after frame " + position
                : "frame " + target + " cannot be read: no frame decodes before the end of the file";
        position = -1;
        if (code < 0) {
            return new MediaException.Corrupt(file, reason, "av_read_frame", code, Ffmpeg.errorString(code));
        }
        return new MediaException.Corrupt(file, reason);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        converter.close();
        cursor.close();
    }

    @Override
    public String toString() {
        return "FrameDecoder[" + file + ", " + map + "]";
    }
}
