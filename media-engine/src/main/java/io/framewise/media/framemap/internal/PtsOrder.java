package io.framewise.media.framemap.internal;

/**
 * Packet indices in presentation order, sorted on primitive arrays: boxing ten million indices for a
 * comparator would cost more memory than the packets themselves.
 */
final class PtsOrder {

    private PtsOrder() {}

    /** The indices {@code 0..n-1} ordered by {@code pts}, ties in read order (a stable merge sort). */
    static int[] sort(long[] pts, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] scratch = new int[n];
        // Bottom-up: runs of 1, 2, 4... merged until one run is left. Packets arrive nearly in order
        // (B-frames reorder only within a GOP), so most merges are one comparison and a copy.
        for (long width = 1; width < n; width *= 2) {
            for (long start = 0; start < n - width; start += 2 * width) {
                int lo = (int) start;
                int mid = (int) (start + width);
                int hi = (int) Math.min(start + 2 * width, n);
                if (pts[order[mid - 1]] <= pts[order[mid]]) {
                    continue;
                }
                merge(pts, order, scratch, lo, mid, hi);
            }
        }
        return order;
    }

    private static void merge(long[] pts, int[] order, int[] scratch, int lo, int mid, int hi) {
        System.arraycopy(order, lo, scratch, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || pts[scratch[i]] <= pts[scratch[j]])) {
                order[k] = scratch[i++];
            } else {
                order[k] = scratch[j++];
            }
        }
    }
}
