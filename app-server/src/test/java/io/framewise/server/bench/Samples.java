package io.framewise.server.bench;

import java.util.Arrays;

/** Measurements of one operation, in milliseconds; thread-safe so clients can record concurrently. */
final class Samples {

    private double[] values = new double[64];
    private int size;

    synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile, NaN when empty. */
    synchronized double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))];
    }
}
