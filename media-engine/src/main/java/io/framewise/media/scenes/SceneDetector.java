package io.framewise.media.scenes;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.scenes.internal.CutFinder;
import io.framewise.media.scenes.internal.Thumb;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the hard cuts of a video: decodes every frame once, in order, at thumbnail size and compares
 * each with the three before it ({@link CutFinder} says how: fades, crossfades and flashes of one or
 * two frames are not cuts). Frame indices are the engine's: decoder output order, as the {@link
 * FrameMap} counts them.
 *
 * <p>Not thread safe: one detection at a time per detector.
 */
public final class SceneDetector implements Closeable {

    /**
     * How sure a jump must be.
     *
     * @param minScore the smallest change (0 to 1) that can be a cut
     * @param contrast how many times the median change of the frames around it a cut must be
     * @param width the width frames are compared at (the height follows the picture)
     */
    public record Options(double minScore, double contrast, int width) {

        public static final Options DEFAULT = new Options(0.4, 3.0, 64);

        public Options {
            if (!(minScore > 0 && minScore <= 1) || !(contrast >= 1 && contrast <= 100) || width < 16 || width > 512) {
                throw new IllegalArgumentException("scene options out of range: score " + minScore + ", contrast "
                        + contrast + ", width " + width);
            }
        }
    }

    /** Frames read per batch: decoded in one forward pass, held only until compared. */
    static final int BATCH = 48;

    private final FrameReader reader;
    private final Options options;

    private SceneDetector(FrameReader reader, Options options) {
        this.reader = reader;
        this.options = options;
    }

    /** Opens {@code file}; {@code map} is its frame map, or null to build one (one pass over the packets). */
    public static SceneDetector open(Path file, FrameMap map) {
        return open(file, map, Options.DEFAULT);
    }

    public static SceneDetector open(Path file, FrameMap map, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        // No frames kept for stepping back: every frame is read once, forwards.
        FrameReader.Options readOptions = new FrameReader.Options(32L << 20, 0, 2);
        return new SceneDetector(FrameReader.open(file, map, readOptions), options);
    }

    public long frameCount() {
        return reader.frameCount();
    }

    public FrameMap frameMap() {
        return reader.frameMap();
    }

    /** The cuts of the whole video, in frame order. */
    public List<SceneCut> detect() {
        return detect(Cancellation.NEVER, Progress.Listener.NONE);
    }

    /**
     * The cuts of the whole video, in frame order.
     *
     * @throws io.framewise.media.MediaException.Cancelled once {@code cancel} is set
     */
    public List<SceneCut> detect(Cancellation cancel, Progress.Listener progress) {
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(progress, "progress");
        long total = reader.frameCount();
        CutFinder finder = new CutFinder(options.minScore(), options.contrast());
        Thumb[] last = new Thumb[3];
        long started = System.nanoTime();
        for (long from = 0; from < total; from += BATCH) {
            cancel.check(reader.file());
            int n = (int) Math.min(BATCH, total - from);
            long[] frames = new long[n];
            for (int k = 0; k < n; k++) {
                frames[k] = from + k;
            }
            for (Picture p : reader.readAll(frames, options.width())) {
                Thumb t = Thumb.ofRgb(p.width(), p.height(), p.rgb());
                finder.add(distance(last[0], t), distance(last[1], t), distance(last[2], t));
                last[2] = last[1];
                last[1] = last[0];
                last[0] = t;
            }
            progress.onProgress(progressAt(from + n, total, started));
        }
        return finder.cuts().stream()
                .map(f -> new SceneCut(f.frame(), Math.min(1, f.score())))
                .toList();
    }

    private static double distance(Thumb before, Thumb now) {
        return before == null ? Double.NaN : Thumb.distance(before, now);
    }

    private static Progress progressAt(long done, long total, long startedNanos) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        double fps = done / seconds;
        Optional<Duration> left =
                fps > 0 ? Optional.of(Duration.ofMillis((long) ((total - done) / fps * 1000))) : Optional.empty();
        return new Progress((double) done / total, done, fps, left);
    }

    @Override
    public void close() {
        reader.close();
    }
}
