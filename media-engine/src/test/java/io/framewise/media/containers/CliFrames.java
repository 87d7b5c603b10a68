package io.framewise.media.containers;

import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the bundled ffmpeg command line decodes from a file's {@code n}-th video stream. */
final class CliFrames {

    /** The pictures are read small: the code's 16 cells stay 8 pixels wide. */
    private static final int WIDTH = 128;

    private static final int HEIGHT = 72;

    private CliFrames() {}

    /** How many pictures the command line decodes (its null-output frame counter). */
    static int count(Path media, int videoStream) {
        String log = log(List.of(
                "-i", media.toString(), "-map", "0:v:" + videoStream, "-fps_mode", "passthrough", "-f", "null", "-"));
        Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(log);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    /** The frame code in each picture {@code select=eq(n\,N)} picks, in ascending order of {@code indices}. */
    static List<Integer> codes(Path media, int videoStream, long[] indices, Path work) {
        long[] sorted = Arrays.stream(indices).distinct().sorted().toArray();
        String select = Arrays.stream(sorted).mapToObj(i -> "eq(n\\," + i + ")").collect(Collectors.joining("+"));
        Path out = work.resolve("cli-" + media.getFileName() + ".gray");
        TestMedia.run(
                List.of("-i", media.toString()),
                "-map",
                "0:v:" + videoStream,
                "-vf",
                "select=" + select + ",scale=" + WIDTH + ":" + HEIGHT + ":flags=area,format=gray",
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                out.toString());
        try {
            byte[] all = Files.readAllBytes(out);
            int frameBytes = WIDTH * HEIGHT;
            if (all.length != frameBytes * sorted.length) {
                throw new IllegalStateException(
                        "ffmpeg selected " + all.length / frameBytes + " of " + sorted.length + " frames");
            }
            List<Integer> codes = new ArrayList<>();
            for (int k = 0; k < sorted.length; k++) {
                BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        int v = all[k * frameBytes + y * WIDTH + x] & 0xff;
                        image.setRGB(x, y, v << 16 | v << 8 | v);
                    }
                }
                codes.add(FrameCode.read(image));
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code in packed RGB pixels, read from every k-th pixel so 8K pictures stay cheap. */
    static int codeOf(byte[] rgb, int width, int height, int stride) {
        int step = Math.max(1, width / 640);
        int w = width / step;
        int h = height / step;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = y * step * stride + x * step * 3;
                image.setRGB(x, y, (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff));
            }
        }
        return FrameCode.read(image);
    }

    private static String log(List<String> args) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
        all.addAll(args);
        ProcessBuilder pb =
                BundledTools.processBuilder(BundledTools.ffmpeg(), all).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
