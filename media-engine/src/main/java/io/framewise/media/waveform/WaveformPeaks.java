package io.framewise.media.waveform;

import java.util.Arrays;

/**
 * The audio waveform of a media file for a review timeline: for each bucket of {@code samplesPerPeak}
 * samples, the lowest and highest sample value, as 16-bit integers (-32768..32767, full scale
 * 32767) in the style of BBC audiowaveform's data. All channels are folded into one envelope (each
 * bucket holds the extremes over every channel), so a loud passage in any channel shows and
 * out-of-phase channels do not cancel as they would in a summed mix.
 *
 * @param sampleRate sample rate of the source audio
 * @param channels channel count of the source audio (the peaks are one envelope over all of them)
 * @param samplesPerPeak source samples per bucket
 * @param peaks {@code min0, max0, min1, max1, ...}
 */
public record WaveformPeaks(int sampleRate, int channels, int samplesPerPeak, short[] peaks) {

    public WaveformPeaks {
        if (sampleRate <= 0 || channels <= 0 || samplesPerPeak <= 0) {
            throw new IllegalArgumentException("sampleRate, channels and samplesPerPeak must be positive: " + sampleRate
                    + ", " + channels + ", " + samplesPerPeak);
        }
        if (peaks.length % 2 != 0) {
            throw new IllegalArgumentException("peaks must hold min/max pairs, length was " + peaks.length);
        }
        peaks = peaks.clone();
    }

    /** A copy of the interleaved min/max values. */
    @Override
    public short[] peaks() {
        return peaks.clone();
    }

    /** The number of buckets. */
    public int length() {
        return peaks.length / 2;
    }

    public short min(int index) {
        return peaks[checked(index) * 2];
    }

    public short max(int index) {
        return peaks[checked(index) * 2 + 1];
    }

    /** The bucket's lowest value as a fraction of full scale, -1..1. */
    public float minNormalised(int index) {
        return normalise(min(index));
    }

    /** The bucket's highest value as a fraction of full scale, -1..1. */
    public float maxNormalised(int index) {
        return normalise(max(index));
    }

    /** Seconds of audio one bucket covers. */
    public double secondsPerPeak() {
        return samplesPerPeak / (double) sampleRate;
    }

    /** The audio's length in seconds, to bucket precision. */
    public double durationSeconds() {
        return length() * secondsPerPeak();
    }

    /**
     * Compact JSON for a web or desktop timeline: {@code {"version":1,"sampleRate":..,
     * "samplesPerPeak":..,"length":N,"peaks":[min0,max0,...]}}.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(80 + peaks.length * 6);
        sb.append("{\"version\":1,\"sampleRate\":")
                .append(sampleRate)
                .append(",\"samplesPerPeak\":")
                .append(samplesPerPeak)
                .append(",\"length\":")
                .append(length())
                .append(",\"peaks\":[");
        for (int i = 0; i < peaks.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(peaks[i]);
        }
        return sb.append("]}").toString();
    }

    private static float normalise(short value) {
        return Math.max(-1f, value / 32767f);
    }

    private int checked(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException("peak " + index + " of " + length());
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaveformPeaks other
                && sampleRate == other.sampleRate
                && channels == other.channels
                && samplesPerPeak == other.samplesPerPeak
                && Arrays.equals(peaks, other.peaks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * sampleRate + channels) + samplesPerPeak) + Arrays.hashCode(peaks);
    }

    @Override
    public String toString() {
        return "WaveformPeaks[sampleRate=" + sampleRate + ", channels=" + channels + ", samplesPerPeak="
                + samplesPerPeak + ", length=" + length() + "]";
    }
}
