package io.framewise.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audio envelope the server computes ({@code /api/media/{id}/waveform.json}): per bucket of
 * {@code samplesPerPeak} samples, the lowest and highest value (16-bit, full scale 32767), all
 * channels folded into one. The timeline asks for the extremes over the time under each pixel.
 */
public record Waveform(int sampleRate, int samplesPerPeak, short[] peaks) {

    public Waveform {
        if (sampleRate <= 0 || samplesPerPeak <= 0 || peaks.length % 2 != 0) {
            throw new IllegalArgumentException("not a waveform: rate " + sampleRate + ", samplesPerPeak "
                    + samplesPerPeak + ", " + peaks.length + " values");
        }
    }

    /** Reads the server's JSON ({@code version} 1). */
    public static Waveform parse(JsonNode json) {
        if (json.path("version").asInt() != 1) {
            throw new IllegalArgumentException("unknown waveform version " + json.path("version"));
        }
        JsonNode values = json.path("peaks");
        short[] peaks = new short[values.size()];
        for (int i = 0; i < peaks.length; i++) {
            peaks[i] = (short) values.get(i).asInt();
        }
        return new Waveform(
                json.path("sampleRate").asInt(), json.path("samplesPerPeak").asInt(), peaks);
    }

    public int length() {
        return peaks.length / 2;
    }

    public double durationSeconds() {
        return length() * (double) samplesPerPeak / sampleRate;
    }

    /**
     * The lowest and highest value between two times, as fractions of full scale (-1..1); {0, 0}
     * outside the audio. A span shorter than a bucket reads the bucket it falls in.
     */
    public double[] extremes(double fromSeconds, double toSeconds) {
        double perPeak = (double) samplesPerPeak / sampleRate;
        int first = (int) Math.floor(Math.max(0, fromSeconds) / perPeak);
        int last = Math.max(first, (int) Math.ceil(toSeconds / perPeak) - 1);
        if (first >= length() || toSeconds <= 0) {
            return new double[] {0, 0};
        }
        last = Math.min(last, length() - 1);
        int lo = 0;
        int hi = 0;
        for (int i = first; i <= last; i++) {
            lo = Math.min(lo, peaks[i * 2]);
            hi = Math.max(hi, peaks[i * 2 + 1]);
        }
        return new double[] {Math.max(-1, lo / 32767.0), hi / 32767.0};
    }
}
