package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decoded frames by index, least recently used first out, within a byte budget. Holds new references
 * to the decoder's buffers ({@code av_frame_clone}), not copies, so keeping the frames a decode passed
 * on its way to a target is cheap; stepping back to them then needs no decoding at all.
 */
final class DecodedFrameCache implements AutoCloseable {

    private final long budgetBytes;
    private final LinkedHashMap<Long, Entry> frames = new LinkedHashMap<>(64, 0.75f, true);
    /** Written under the owner's lock, read without it by a pool that adds up its readers' memory. */
    private volatile long usedBytes;
    /** The most the kept frames ever took: the decoder's buffer pool keeps that many buffers alive. */
    private volatile long peakBytes;

    private record Entry(AVFrame frame, long bytes) {}

    DecodedFrameCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** The cached frame for {@code index}, or null; the cache keeps ownership. */
    AVFrame get(long index) {
        Entry e = frames.get(index);
        return e == null ? null : e.frame;
    }

    /**
     * Keeps a new reference to {@code frame} as frame {@code index} and returns it (owned by the cache),
     * or returns null when the frame alone is larger than the budget or cannot be referenced.
     */
    AVFrame put(long index, AVFrame frame) {
        Entry existing = frames.get(index);
        if (existing != null) {
            return existing.frame;
        }
        long bytes = sizeOf(frame);
        if (bytes > budgetBytes) {
            return null;
        }
        while (usedBytes + bytes > budgetBytes && !frames.isEmpty()) {
            evictOldest();
        }
        AVFrame copy = av_frame_clone(frame);
        if (copy == null || copy.isNull()) {
            return null;
        }
        frames.put(index, new Entry(copy, bytes));
        usedBytes += bytes;
        peakBytes = Math.max(peakBytes, usedBytes);
        return copy;
    }

    private void evictOldest() {
        Iterator<Map.Entry<Long, Entry>> it = frames.entrySet().iterator();
        Entry e = it.next().getValue();
        it.remove();
        usedBytes -= e.bytes;
        av_frame_free(e.frame);
    }

    /** The bytes the kept frames take. */
    long usedBytes() {
        return usedBytes;
    }

    /**
     * The most bytes the kept frames ever took. Dropping frames returns their buffers to the decoder's
     * pool, which keeps them until the decoder closes, so this is what the cache costs in memory.
     */
    long peakBytes() {
        return peakBytes;
    }

    static long sizeOf(AVFrame frame) {
        int size = av_image_get_buffer_size(frame.format(), frame.width(), frame.height(), 1);
        return size > 0 ? size : (long) frame.width() * frame.height() * 4;
    }

    void clear() {
        while (!frames.isEmpty()) {
            evictOldest();
        }
    }

    @Override
    public void close() {
        clear();
    }
}
