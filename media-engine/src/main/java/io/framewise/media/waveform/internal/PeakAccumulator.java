package io.framewise.media.waveform.internal;

import io.framewise.media.MediaException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Folds interleaved float samples into min/max buckets of a fixed number of samples. The buffer
 * starts small and grows with the samples really decoded, up to a hard cap: what a container declares
 * about its length is never trusted for an allocation.
 */
final class PeakAccumulator {

    /** Buckets the first buffer holds: about 80 s at 100 buckets a second. */
    static final int INITIAL_PEAKS = 8192;

    private final Path file;
    private final int samplesPerPeak;
    private final int maxPeaks;
    private final String limitText;
    private short[] peaks;
    private int size;
    private int inBucket;
    private float low = Float.POSITIVE_INFINITY;
    private float high = Float.NEGATIVE_INFINITY;

    /**
     * @param maxPeaks the most buckets; one more fails with {@code limitText} as the reason
     */
    PeakAccumulator(Path file, int samplesPerPeak, int maxPeaks, String limitText) {
        this.file = file;
        this.samplesPerPeak = samplesPerPeak;
        this.maxPeaks = maxPeaks;
        this.limitText = limitText;
        this.peaks = new short[2 * Math.min(INITIAL_PEAKS, maxPeaks)];
    }

    /** The buffer's current capacity in buckets (for tests). */
    int capacity() {
        return peaks.length / 2;
    }

    /** Adds {@code frames} sample frames of {@code channels} interleaved values each. */
    void add(float[] interleaved, int frames, int channels) {
        int i = 0;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++, i++) {
                float v = interleaved[i];
                // NaN compares false both ways and is skipped: a broken sample is no peak.
                if (v < low) {
                    low = v;
                }
                if (v > high) {
                    high = v;
                }
            }
            if (++inBucket == samplesPerPeak) {
                closeBucket();
            }
        }
    }

    /** The buckets so far, the last one possibly partial. */
    short[] finish() {
        if (inBucket > 0) {
            closeBucket();
        }
        return Arrays.copyOf(peaks, size);
    }

    private void closeBucket() {
        if (size + 2 > peaks.length) {
            if (size / 2 >= maxPeaks) {
                throw new MediaException.Unsupported(file, limitText);
            }
            peaks = Arrays.copyOf(peaks, (int) Math.min(2L * maxPeaks, 2L * peaks.length));
        }
        boolean any = low <= high;
        peaks[size++] = any ? toShort(low) : 0;
        peaks[size++] = any ? toShort(high) : 0;
        inBucket = 0;
        low = Float.POSITIVE_INFINITY;
        high = Float.NEGATIVE_INFINITY;
    }

    /** The 16-bit value of a sample in -1..1; louder samples clip at full scale. */
    private static short toShort(float sample) {
        long value = Math.round(sample * 32767.0);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
