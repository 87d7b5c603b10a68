package io.framewise.media.waveform;

import java.util.Arrays;

/** Folds interleaved float samples into min/max buckets of a fixed number of samples. */
final class PeakAccumulator {

    private final int samplesPerPeak;
    private short[] peaks;
    private int size;
    private int inBucket;
    private float low = Float.POSITIVE_INFINITY;
    private float high = Float.NEGATIVE_INFINITY;

    /** {@code expectedPeaks} sizes the first buffer; it grows as needed. */
    PeakAccumulator(int samplesPerPeak, int expectedPeaks) {
        this.samplesPerPeak = samplesPerPeak;
        this.peaks = new short[2 * Math.max(16, expectedPeaks + 2)];
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
            peaks = Arrays.copyOf(peaks, peaks.length * 2);
        }
        boolean any = low <= high;
        peaks[size++] = any ? WaveformPeaks.toShort(low) : 0;
        peaks[size++] = any ? WaveformPeaks.toShort(high) : 0;
        inBucket = 0;
        low = Float.POSITIVE_INFINITY;
        high = Float.NEGATIVE_INFINITY;
    }
}
