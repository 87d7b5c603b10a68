package io.framewise.media.scenes;

import io.framewise.media.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A generated video with known cuts: shots of many different generated sources (test patterns,
 * fractals, cellular automata, gradients, a coloured card with a moving box...) joined at known
 * frames, most by hard cuts, some through a fade to black and back, some by crossfades; and flashes
 * of one or two white frames inside some shots. The cuts are the first frames of shots joined by a
 * hard cut; fades, crossfades and flashes must not be reported.
 *
 * @param file the H.264 MP4 (25 fps, 320x240)
 * @param cuts the frames that start a shot after a hard cut
 * @param frames frames in the file
 * @param fades joins through black
 * @param crossfades joins by a crossfade
 * @param flashes white flashes inside shots
 */
public record SceneTestSet(Path file, TreeSet<Long> cuts, long frames, int fades, int crossfades, int flashes) {

    static final int RATE = 25;
    static final int FADE_FRAMES = 12;
    static final int CROSSFADE_FRAMES = 15;

    /** The sources, each 320x240 at 25 fps; {@code %d} is a seed or variation for the second use. */
    private static final List<String> SOURCES = List.of(
            "testsrc2=s=320x240:r=25",
            "mandelbrot=s=320x240:r=25:start_scale=%d",
            "smptebars=s=320x240:r=25",
            "life=s=320x240:r=25:mold=10:ratio=0.3:seed=%d:life_color=#c0ff40:death_color=#101040:mold_color=#603010",
            "cellauto=s=320x240:r=25:rule=110:seed=%d",
            "gradients=s=320x240:r=25:speed=0.05:seed=%d",
            "color=c=0x2050a0:s=320x240:r=25[bg%1$d];color=c=yellow:s=60x40:r=25[fg%1$d];"
                    + "[bg%1$d][fg%1$d]overlay=x='mod(n*7,260)':y=100:shortest=1",
            "rgbtestsrc=s=320x240:r=25",
            "zoneplate=s=320x240:r=25:kx2=40:ky2=40:kt=%d",
            "sierpinski=s=320x240:r=25:seed=%d",
            "colorchart=r=25,scale=320:240",
            "mptestsrc=r=25:t=ring1,scale=320:240",
            "yuvtestsrc=s=320x240:r=25",
            "testsrc=s=320x240:r=25");

    enum Join {
        CUT,
        FADE,
        CROSSFADE
    }

    /** The set, generated into the test media folder on first use. */
    public static SceneTestSet get() {
        return generate(TestMedia.directory().resolve("scene-set.mp4"), 15);
    }

    /** Generates the set into {@code target} (kept when present: the same seed gives the same set). */
    public static synchronized SceneTestSet generate(Path target, long seed) {
        Random random = new Random(seed);
        StringBuilder graph = new StringBuilder();
        TreeSet<Long> cuts = new TreeSet<>();
        List<String> units = new ArrayList<>();
        int fades = 0;
        int crossfades = 0;
        int flashes = 0;
        long unitStart = 0;
        long unitLength = 0;
        String unit = null;
        List<Integer> order = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Integer> shuffled = new ArrayList<>();
            for (int s = 0; s < SOURCES.size(); s++) {
                shuffled.add(s);
            }
            java.util.Collections.shuffle(shuffled, random);
            order.addAll(shuffled);
        }
        Join[] joins = new Join[order.size()];
        for (int k = 1; k < joins.length; k++) {
            int r = random.nextInt(10);
            joins[k] = r < 6 ? Join.CUT : r < 8 ? Join.FADE : Join.CROSSFADE;
        }
        for (int k = 0; k < order.size(); k++) {
            int length = 40 + random.nextInt(40);
            StringBuilder chain = new StringBuilder(String.format(SOURCES.get(order.get(k)), k + 1));
            chain.append(",trim=end_frame=")
                    .append(length)
                    .append(",setpts=PTS-STARTPTS,settb=1/25,setsar=1")
                    .append(",format=yuv420p");
            if (joins[k] == Join.FADE) {
                chain.append(",fade=t=in:s=0:n=").append(FADE_FRAMES);
            }
            if (k + 1 < joins.length && joins[k + 1] == Join.FADE) {
                chain.append(",fade=t=out:s=")
                        .append(length - FADE_FRAMES)
                        .append(":n=")
                        .append(FADE_FRAMES);
            }
            if (random.nextInt(3) == 0) {
                int at = length / 2 - 2 + random.nextInt(5);
                int last = at + random.nextInt(2);
                chain.append(",drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(n,")
                        .append(at)
                        .append(',')
                        .append(last)
                        .append(")'");
                flashes++;
            }
            String label = "s" + k;
            graph.append(chain).append('[').append(label).append("];");
            if (k > 0 && joins[k] == Join.CROSSFADE) {
                String joined = "x" + k;
                double offset = (double) (unitLength - CROSSFADE_FRAMES) / RATE;
                graph.append('[')
                        .append(unit)
                        .append("][")
                        .append(label)
                        .append("]xfade=transition=fade:duration=")
                        .append((double) CROSSFADE_FRAMES / RATE)
                        .append(":offset=")
                        .append(offset)
                        .append(",settb=1/25[")
                        .append(joined)
                        .append("];");
                unit = joined;
                unitLength += length - CROSSFADE_FRAMES;
                crossfades++;
                continue;
            }
            if (unit != null) {
                units.add(unit);
                unitStart += unitLength;
            }
            if (k > 0 && joins[k] == Join.CUT) {
                cuts.add(unitStart);
            }
            if (k > 0 && joins[k] == Join.FADE) {
                fades++;
            }
            unit = label;
            unitLength = length;
        }
        units.add(unit);
        long frames = unitStart + unitLength;
        for (String u : units) {
            graph.append('[').append(u).append(']');
        }
        graph.append("concat=n=").append(units.size()).append(":v=1:a=0,format=yuv420p[v]");
        if (!Files.isRegularFile(target)) {
            Path tmp = target.resolveSibling("tmp-" + target.getFileName());
            TestMedia.run(
                    List.of("-filter_complex", graph.toString()),
                    "-map",
                    "[v]",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-crf",
                    "20",
                    "-g",
                    "50",
                    "-pix_fmt",
                    "yuv420p",
                    tmp.toString());
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SceneTestSet(target, cuts, frames, fades, crossfades, flashes);
    }
}
