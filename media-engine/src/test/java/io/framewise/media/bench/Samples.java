package io.framewise.media.bench;

import java.util.Arrays;

/** Timings of one measured operation, in milliseconds. */
final class Samples {

    private final String name;
    private double[] values = new double[16];
    private int size;

    Samples(String name) {
        this.name = name;
    }

    void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    /** Times {@code action} and records it. */
    void time(Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        add((System.nanoTime() - t0) / 1e6);
    }

    String name() {
        return name;
    }

    int count() {
        return size;
    }

    double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))];
    }

    double median() {
        return percentile(50);
    }

    double total() {
        double t = 0;
        for (int i = 0; i < size; i++) {
            t += values[i];
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("%s: n=%d median=%.1f ms p95=%.1f ms", name, size, median(), percentile(95));
    }
}
