package io.framewise.media.thumbs;

import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The representative picture of a media item: the frame at a tenth of its duration, or a little later
 * when that frame is (nearly) black, as openings and fades often are.
 *
 * @param index the frame shown
 * @param width the poster's width in pixels
 * @param height its height
 * @param jpeg the poster as a JPEG
 */
public record Poster(long index, int width, int height, byte[] jpeg) {

    public static final int DEFAULT_WIDTH = 640;

    /** Where to look, as fractions of the duration; the first candidate that is not black wins. */
    private static final double[] CANDIDATES = {0.10, 0.20, 0.30, 0.40, 0.50};

    /** A picture whose mean luma (0..255) is below this counts as black. */
    static final int BLACK_LUMA = 32;

    /** Candidates are judged on a small picture: cheap to convert, enough to tell black from not. */
    private static final int PROBE_WIDTH = 64;

    public Poster {
        Objects.requireNonNull(jpeg, "jpeg");
    }

    /** The poster of {@code file} at {@code width} pixels across. */
    public static Poster create(Path file, int width) {
        try (FrameReader reader = FrameReader.open(file)) {
            return create(reader, width, StillEncoder.DEFAULT_QUALITY);
        }
    }

    /** The poster of an opened media file at {@code width} pixels across, JPEG at {@code quality}. */
    public static Poster create(FrameReader reader, int width, int quality) {
        long index = chooseIndex(reader);
        Picture picture = reader.read(index, width);
        byte[] jpeg = StillEncoder.encode(picture, StillFormat.JPEG, quality);
        return new Poster(index, picture.width(), picture.height(), jpeg);
    }

    /** The frame a poster shows: the first candidate that is not black, else the brightest one. */
    public static long chooseIndex(FrameReader reader) {
        FrameMap map = reader.frameMap();
        if (map.frameCount() == 1) {
            return 0;
        }
        long[] candidates = Arrays.stream(CANDIDATES)
                .mapToLong(f -> map.frameAtSeconds(f * map.durationSeconds()))
                .distinct()
                .toArray();
        long brightest = candidates[0];
        double brightestLuma = -1;
        for (long index : candidates) {
            double luma = meanLuma(reader.read(index, PROBE_WIDTH));
            if (luma >= BLACK_LUMA) {
                return index;
            }
            if (luma > brightestLuma) {
                brightestLuma = luma;
                brightest = index;
            }
        }
        return brightest;
    }

    /** Mean BT.601 luma of a picture, 0 to 255. */
    static double meanLuma(Picture picture) {
        byte[] rgb = picture.rgb();
        long sum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            sum += 299L * (rgb[i] & 0xff) + 587L * (rgb[i + 1] & 0xff) + 114L * (rgb[i + 2] & 0xff);
        }
        return sum / 1000.0 / (rgb.length / 3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Poster p
                && p.index == index
                && p.width == width
                && p.height == height
                && Arrays.equals(p.jpeg, jpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, width, height, Arrays.hashCode(jpeg));
    }

    @Override
    public String toString() {
        return "Poster[frame " + index + ", " + width + "x" + height + ", " + jpeg.length + " bytes]";
    }
}
