package io.framewise.media.bench;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.time.FrameRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The media engine's benchmarks, each side by side with the ffmpeg CLI doing the same work in the
 * same run, printing ratios. Not a test: run with {@code ./framewise bench [still step proxy clip scenes channel]}.
 * Results go to docs/benchmarks.md with the command that made them.
 */
public final class EngineBench {

    private static final int SEED = 20261120;

    private final Path work;
    private final List<String> report = new ArrayList<>();

    private EngineBench(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = args.length == 0 ? Set.of("still", "step", "proxy", "clip") : Set.of(args);
        Path work = Path.of(System.getProperty("framewise.benchDir", "target/bench"))
                .toAbsolutePath();
        Files.createDirectories(work);
        Ffmpeg.init();
        EngineBench bench = new EngineBench(work);
        System.out.printf(
                Locale.ROOT,
                "Framewise engine benchmarks on %d cores, Java %s, media in %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                work);
        if (only.contains("still")) {
            bench.randomStills();
        }
        if (only.contains("step")) {
            bench.stepBack();
        }
        if (only.contains("proxy")) {
            bench.proxy();
        }
        if (only.contains("clip")) {
            bench.clips();
        }
        if (only.contains("clip") || only.contains("template")) {
            bench.templateClip();
        }
        if (only.contains("channel")) {
            bench.channelStills();
        }
        if (only.contains("scenes")) {
            SceneBench.run(work, bench.report);
        }
        System.out.println();
        System.out.println("| benchmark | Framewise | alternative | ratio | goal |");
        System.out.println("|---|---|---|---|---|");
        bench.report.forEach(System.out::println);
    }

    /** 1080p H.264, 25 fps, GOP 250 with B-frames, AAC: the shape of a typical camera or edit export. */
    private Path source(String name, int seconds) {
        return source(name, seconds, List.of());
    }

    private Path source(String name, int seconds, List<String> x264) {
        Path file = work.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        System.out.printf("generating %s (%d s of 1080p)...%n", name, seconds);
        Path tmp = work.resolve("tmp-" + name);
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=1920x1080:rate=25,format=yuv420p",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000"),
                outputArgs(seconds, x264, tmp));
        try {
            Files.move(tmp, file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static String[] outputArgs(int seconds, List<String> x264, Path out) {
        List<String> args = new ArrayList<>(List.of(
                "-t",
                String.valueOf(seconds),
                "-map",
                "0:v",
                "-map",
                "1:a",
                "-c:v",
                "libx264",
                "-preset",
                "superfast",
                "-g",
                "250",
                "-keyint_min",
                "250",
                "-sc_threshold",
                "0"));
        args.addAll(x264.isEmpty() ? List.of("-bf", "3") : x264);
        args.addAll(List.of("-c:a", "aac", "-f", "mp4", out.toString()));
        return args.toArray(String[]::new);
    }

    private void randomStills() throws IOException {
        randomStills(source("bench-1080p-60s.mp4", 60), "x264 adaptive B-frames, B-pyramid");
        // Fixed IBBP with non-reference B-frames, as cameras write: two frames in three can be skipped.
        randomStills(
                source("bench-1080p-60s-ibbp.mp4", 60, List.of("-bf", "2", "-x264-params", "b-adapt=0:b-pyramid=none")),
                "camera-style IBBP");
    }

    private void randomStills(Path src, String kind) throws IOException {
        FrameMap map = FrameMapBuilder.build(src);
        long[] frames = new Random(SEED).longs(50, 0, map.frameCount()).toArray();
        for (StillFormat format : new StillFormat[] {StillFormat.JPEG, StillFormat.PNG}) {
            Samples ours = new Samples("framewise " + format);
            Samples cli = new Samples("ffmpeg -ss " + format);
            try (FrameReader reader = FrameReader.open(src, map)) {
                for (long f : frames) {
                    Path out = work.resolve("still-ours." + format.extension());
                    ours.time(() -> writeQuietly(out, StillEncoder.encode(reader.read(f), format, 90)));
                }
            }
            for (long f : frames) {
                Path out = work.resolve("still-cli." + format.extension());
                String t = String.format(
                        Locale.ROOT,
                        "%.6f",
                        map.secondsOf(f) + map.pts(0) * (double) map.timeBaseNum() / map.timeBaseDen());
                List<String> args = new ArrayList<>(List.of(
                        "-hide_banner", "-loglevel", "error", "-y", "-ss", t, "-i", src.toString(), "-frames:v", "1"));
                if (format == StillFormat.JPEG) {
                    args.addAll(List.of("-q:v", "3"));
                }
                args.add(out.toString());
                cli.time(() -> TestMedia.exec(BundledTools.processBuilder(BundledTools.ffmpeg(), args)));
            }
            System.out.println(ours);
            System.out.println(cli);
            row(
                    "random still, 1080p GOP 250, " + kind + ", 50 frames, " + format + " (median)",
                    ours.median(),
                    cli.median(),
                    "<= 0.5x");
        }
    }

    /**
     * Random stills read through a channel (the custom AVIOContext an encrypted file is read by) and
     * from the path, on the same file in the same run: the cost of the callbacks alone.
     */
    private void channelStills() {
        Path src = source("bench-1080p-60s.mp4", 60);
        FrameMap map = FrameMapBuilder.build(src);
        long[] frames = new Random(SEED + 1).longs(50, 0, map.frameCount()).toArray();
        io.framewise.media.MediaSource channel = io.framewise.media.MediaSource.channel(
                src, () -> java.nio.channels.FileChannel.open(src, java.nio.file.StandardOpenOption.READ));
        Samples viaChannel = new Samples("random still via channel");
        Samples viaPath = new Samples("random still via path");
        // Fresh readers per still: every read seeks and decodes from a keyframe through the I/O layer.
        for (long f : frames) {
            viaPath.time(() -> {
                try (FrameReader r = FrameReader.open(src, map)) {
                    r.read(f);
                }
            });
            viaChannel.time(() -> {
                try (FrameReader r = FrameReader.open(channel, map, FrameReader.Options.DEFAULT)) {
                    r.read(f);
                }
            });
        }
        System.out.println(viaChannel);
        System.out.println(viaPath);
        row(
                "random still (fresh reader), 1080p GOP 250, 50 frames: channel vs path (median)",
                viaChannel.median(),
                viaPath.median(),
                "<= 1.1x");
    }

    private void stepBack() {
        Path src = source("bench-1080p-60s.mp4", 60);
        FrameMap map = FrameMapBuilder.build(src);
        Random random = new Random(SEED);
        Samples steps = new Samples("step back (decoded picture)");
        Samples stepsJpeg = new Samples("step back + JPEG");
        try (FrameReader reader = FrameReader.open(src, map)) {
            for (int run = 0; run < 5; run++) {
                long start = 300 + random.nextInt((int) map.frameCount() - 300);
                reader.read(start);
                for (int i = 1; i <= 100; i++) {
                    long f = start - i;
                    if (i % 2 == 0) {
                        steps.time(() -> reader.read(f));
                    } else {
                        stepsJpeg.time(() -> StillEncoder.encode(reader.read(f), StillFormat.JPEG, 90));
                    }
                }
            }
        }
        System.out.println(steps);
        System.out.println(stepsJpeg);
        report.add(String.format(
                Locale.ROOT,
                "| step back one frame, 1080p, p95 (decoded picture) | %.1f ms | - | - | < 40 ms |",
                steps.percentile(95)));
        report.add(String.format(
                Locale.ROOT,
                "| step back one frame, 1080p, p95 (with JPEG) | %.1f ms | - | - | < 40 ms |",
                stepsJpeg.percentile(95)));
    }

    private void proxy() {
        Path src = source("bench-1080p-60s.mp4", 60);
        ProxySettings settings = ProxySettings.DEFAULT;
        Samples ours = new Samples("framewise proxy");
        Samples cli = new Samples("ffmpeg proxy");
        Path outOurs = work.resolve("proxy-ours.mp4");
        Path outCli = work.resolve("proxy-cli.mp4");
        ours.time(() ->
                new ProxyTranscoder().transcode(src, outOurs, settings, Progress.Listener.NONE, Cancellation.NEVER));
        cli.time(() -> TestMedia.exec(
                BundledTools.processBuilder(BundledTools.ffmpeg(), ProxyCli.args(src, outCli, settings, 25))));
        System.out.println(ours);
        System.out.println(cli);
        // Throughput ratio: time of the CLI over ours (higher is better for us).
        report.add(String.format(
                Locale.ROOT,
                "| proxy transcode 60 s 1080p H.264 -> H.264/AAC (wall time) | %.1f s | %.1f s | %.2fx throughput | >= 0.9x |",
                ours.total() / 1000,
                cli.total() / 1000,
                cli.total() / ours.total()));
    }

    /**
     * A templated clip (text + PNG watermark) of 60 s 1080p against the same filter graph on the ffmpeg
     * CLI: scale, format, the logo scaled to 15% of the width with 0.8 opacity, the text with its border,
     * both 32 px from the edges, x264 veryfast CRF 23 with 1 s GOPs, AAC 128k.
     */
    private void templateClip() {
        Path src = source("bench-1080p-60s.mp4", 60);
        Path logo = work.resolve("bench-logo.png");
        try {
            java.awt.image.BufferedImage image =
                    new java.awt.image.BufferedImage(400, 150, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(new java.awt.Color(255, 255, 255, 200));
            g.fillRoundRect(0, 0, 400, 150, 40, 40);
            g.dispose();
            javax.imageio.ImageIO.write(image, "png", logo.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        io.framewise.media.clip.template.ClipTemplate template = io.framewise.media.clip.template.ClipTemplates.parse(
                "{\"name\":\"bench\",\"steps\":[{\"type\":\"image\",\"imageId\":\"logo\",\"position\":\"bottom-right\","
                        + "\"scale\":0.15,\"opacity\":0.8},{\"type\":\"text\",\"text\":\"Client review\","
                        + "\"position\":\"bottom-left\",\"size\":0.05}],\"output\":{\"format\":\"mp4\"}}");
        io.framewise.media.clip.template.TemplateContext context =
                io.framewise.media.clip.template.TemplateContext.of("bench").withFiles(java.util.Map.of("logo", logo));
        FrameMap map = FrameMapBuilder.build(src);
        Samples ours = new Samples("framewise template clip");
        Samples cli = new Samples("ffmpeg template clip");
        Path outOurs = work.resolve("template-ours.mp4");
        Path outCli = work.resolve("template-cli.mp4");
        ours.time(() -> new io.framewise.media.clip.template.TemplateClipper()
                .cut(
                        src,
                        map,
                        outOurs,
                        io.framewise.model.time.FrameRange.of(0, map.frameCount()),
                        io.framewise.media.clip.ClipMode.REENCODE,
                        template,
                        context,
                        Progress.Listener.NONE,
                        Cancellation.NEVER));
        String graph = "[0:v]scale=1920:1080:flags=bicubic,format=yuv420p,setsar=1[base];"
                + "[1:v]scale=288:-1,format=rgba,colorchannelmixer=aa=0.800[logo];"
                + "[base][logo]overlay=W-w-32:H-h-32:eof_action=repeat,"
                + "drawtext=fontfile=" + io.framewise.media.clip.ClipOptions.DEFAULT_FONT
                + ":text=Client review:fontsize=54:fontcolor=0xFFFFFF@1.000:x=32:y=h-th-32"
                + ":borderw=3:bordercolor=0x000000@0.700,format=yuv420p[v]";
        cli.time(() -> TestMedia.exec(BundledTools.processBuilder(
                BundledTools.ffmpeg(),
                List.of(
                        "-hide_banner",
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        src.toString(),
                        "-i",
                        logo.toString(),
                        "-filter_complex",
                        graph,
                        "-map",
                        "[v]",
                        "-map",
                        "0:a",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-crf",
                        "23",
                        "-profile:v",
                        "high",
                        "-g",
                        "25",
                        "-keyint_min",
                        "25",
                        "-x264-params",
                        "scenecut=0",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "128k",
                        "-movflags",
                        "+faststart",
                        outCli.toString()))));
        System.out.println(ours);
        System.out.println(cli);
        report.add(String.format(
                Locale.ROOT,
                "| clip with template (text + watermark) 60 s 1080p vs the same filter graph on the ffmpeg CLI (wall"
                        + " time) | %.1f s | %.1f s | %.2fx throughput | >= 0.9x |",
                ours.total() / 1000,
                cli.total() / 1000,
                cli.total() / ours.total()));
    }

    private void clips() {
        Path src = source("bench-1080p-10min.mp4", 600);
        FrameMap map = FrameMapBuilder.build(src);
        FrameRange range = FrameRange.of(4010, 4010 + 1500);
        Samples smart = new Samples("smart clip");
        Samples reencode = new Samples("reencode clip");
        Samples copy = new Samples("copy clip");
        Samples copyWithMap = new Samples("copy clip incl. frame map");
        Samples cliCopy = new Samples("ffmpeg -c copy");
        // The server keeps each media's frame map, so the clips get it; one copy row also builds it.
        smart.time(() -> cut(src, map, "clip-smart.mp4", range, ClipMode.SMART));
        reencode.time(() -> cut(src, map, "clip-reencode.mp4", range, ClipMode.REENCODE));
        String ss = String.format(Locale.ROOT, "%.6f", map.pts(4010) * (double) map.timeBaseNum() / map.timeBaseDen());
        List<String> cli = List.of(
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-ss",
                ss,
                "-i",
                src.toString(),
                "-t",
                "60",
                "-c",
                "copy",
                "-avoid_negative_ts",
                "make_zero",
                work.resolve("clip-cli-copy.mp4").toString());
        for (int i = 0; i < 5; i++) {
            copy.time(() -> cut(src, map, "clip-copy.mp4", range, ClipMode.COPY));
            copyWithMap.time(() -> cut(src, null, "clip-copy.mp4", range, ClipMode.COPY));
            cliCopy.time(() -> TestMedia.exec(BundledTools.processBuilder(BundledTools.ffmpeg(), cli)));
        }
        for (Samples s : List.of(smart, reencode, copy, copyWithMap, cliCopy)) {
            System.out.println(s);
        }
        report.add(String.format(
                Locale.ROOT,
                "| smart clip 60 s of 10 min 1080p vs reencode (wall time) | %.1f s | %.1f s | %.1fx faster | >= 5x |",
                smart.total() / 1000,
                reencode.total() / 1000,
                reencode.total() / smart.total()));
        row(
                "copy clip 60 s of 10 min 1080p vs ffmpeg -c copy (median of 5, frame map cached)",
                copy.median(),
                cliCopy.median(),
                "<= 1.1x");
        row(
                "copy clip 60 s of 10 min 1080p vs ffmpeg -c copy (median of 5, frame map built)",
                copyWithMap.median(),
                cliCopy.median(),
                "-");
    }

    private void cut(Path src, FrameMap map, String output, FrameRange range, ClipMode mode) {
        ClipCutter cutter = new ClipCutter();
        Path out = work.resolve(output);
        if (map == null) {
            cutter.cut(src, out, range, mode, ClipOptions.DEFAULT, Progress.Listener.NONE, Cancellation.NEVER);
        } else {
            cutter.cut(src, map, out, range, mode, ClipOptions.DEFAULT, Progress.Listener.NONE, Cancellation.NEVER);
        }
    }

    private void row(String what, double oursMs, double altMs, String goal) {
        report.add(String.format(
                Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.2fx | %s |", what, oursMs, altMs, oursMs / altMs, goal));
    }

    private static void writeQuietly(Path file, byte[] data) {
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
