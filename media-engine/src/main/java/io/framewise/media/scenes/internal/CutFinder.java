package io.framewise.media.scenes.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which frames start a new shot from the distances between each frame and the one, two and
 * three frames before it ({@link Thumb#distance}), fed in decoder order.
 *
 * <p>Frame {@code i} is a cut when its jump from {@code i-1} is:
 *
 * <ul>
 *   <li>large: at least {@code minScore};
 *   <li>unusual here: {@code contrast} times the median jump of the frames around it (the jumps of
 *       a busy shot, such as a flickering simulation or a fast pan, raise the bar in that shot only);
 *   <li>the largest of its neighbours' jumps;
 *   <li>lasting: no flash. A flash of one or two frames differs from both sides while the frames
 *       around it match each other; so when the frame before the jump matches the frame one or two
 *       after it, or the frame after the jump matches the one two or three before it, the jump is a
 *       flash going on or off, not a cut.
 * </ul>
 *
 * A fade or a crossfade changes each frame a little, so no single jump stands out: it is never a cut.
 */
public final class CutFinder {

    /** Frames on each side whose jumps make the local median. */
    static final int WINDOW = 12;

    private final double minScore;
    private final double contrast;
    private float[] d1 = new float[1024];
    private float[] d2 = new float[1024];
    private float[] d3 = new float[1024];
    private int count;

    /** One record of a cut: the first frame of the new shot and how large its jump was (0 to 1). */
    public record Found(long frame, double score) {}

    public CutFinder(double minScore, double contrast) {
        this.minScore = minScore;
        this.contrast = contrast;
    }

    /**
     * The next frame's distances to the frames one, two and three before it (NaN where there is no
     * such frame).
     */
    public void add(double back1, double back2, double back3) {
        if (count == d1.length) {
            int grown = d1.length * 2;
            d1 = Arrays.copyOf(d1, grown);
            d2 = Arrays.copyOf(d2, grown);
            d3 = Arrays.copyOf(d3, grown);
        }
        d1[count] = (float) back1;
        d2[count] = (float) back2;
        d3[count] = (float) back3;
        count++;
    }

    public int frames() {
        return count;
    }

    /** The cuts among the frames added so far, in frame order. */
    public List<Found> cuts() {
        List<Found> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            double jump = d1[i];
            if (jump < minScore || !peak(i) || jump < contrast * localMedian(i) || flash(i)) {
                continue;
            }
            out.add(new Found(i, jump));
        }
        return out;
    }

    private boolean peak(int i) {
        for (int j = Math.max(1, i - 2); j <= Math.min(count - 1, i + 2); j++) {
            if (j != i && d1[j] > d1[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the jump into {@code i} is a flash starting or ending rather than a new shot. */
    private boolean flash(int i) {
        double similar = 0.5 * d1[i];
        // Forward: the frame before the jump comes back one or two frames after it.
        if (matches(d2, i + 1, similar) || matches(d3, i + 2, similar)) {
            return true;
        }
        // Backward: frame i is the picture from before a flash of one or two frames.
        return matches(d2, i, similar) || matches(d3, i, similar);
    }

    private boolean matches(float[] distances, int at, double similar) {
        return at < count && !Float.isNaN(distances[at]) && distances[at] < similar;
    }

    private double localMedian(int i) {
        float[] around = new float[2 * WINDOW];
        int n = 0;
        for (int j = Math.max(1, i - WINDOW); j <= Math.min(count - 1, i + WINDOW); j++) {
            if (Math.abs(j - i) > 1) {
                around[n++] = d1[j];
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(around, 0, n);
        return n % 2 == 1 ? around[n / 2] : (around[n / 2 - 1] + around[n / 2]) / 2.0;
    }
}
