package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.VideoStreamInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files whose timestamps lie, each generated here with its frame index drawn into the picture. Whatever
 * the container says, the frames are the pictures the command line's decoder outputs: probe counts
 * them, stills show the picture {@code select=eq(n\,N)} picks, and the proxy keeps the count.
 */
class TimestampRepairTest {

    /** 3 s at 25 fps: long enough for several GOPs, small enough to keep the matrix fast. */
    private static final int FRAMES = 75;

    private static final List<String> SOURCE = List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25");

    /** What each file's timestamps do wrong, and what probe should say was repaired (null: nothing). */
    enum Case {
        /** Frames 20..25 share one pts and the keyframe at 22 sits inside the run. */
        DUPLICATE_PTS_AROUND_KEYFRAME("mkv", "repeated or went backwards"),
        /** Frames 30 and 31 are stamped three frames earlier than frame 29. */
        PTS_BACKWARDS("mkv", "repeated or went backwards"),
        RAW_H264("h264", "no presentation time"),
        RAW_HEVC("hevc", "no presentation time"),
        RAW_M2V("m2v", "no presentation time"),
        /** AVI keeps decode times only; H.264 with B-frames needs presentation times rebuilt. */
        AVI_H264_DTS_ONLY("avi", "no presentation time"),
        /** FLV stores decode times and a composition offset per packet. */
        FLV_H264("flv", null),
        HUGE_FIRST_PTS("mkv", null),
        /** An MPEG-TS whose 33-bit pts wraps to zero in the middle of the file. */
        TS_WRAP_AROUND("ts", "wrap around"),
        /** A transport stream cut from a live feed mid-GOP: its first pictures cannot be decoded. */
        LIVE_CUT_MID_GOP("ts", "before the first keyframe");

        final String extension;
        final String repair;

        Case(String extension, String repair) {
            this.extension = extension;
            this.repair = repair;
        }
    }

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Case.class)
    void framesAreThePicturesTheDecoderOutputs(Case c) {
        Path media = make(c);
        List<Integer> cli = cliCodes(media);
        assertTrue(cli.size() >= 40, c + ": the command line decodes most pictures, got " + cli.size());

        VideoStreamInfo video = MediaProbe.probe(media).video().orElseThrow();
        assertEquals(cli.size(), video.frameCount(), c + ": probe counts what the decoder outputs");
        assertTrue(video.frameRate().fps() > 24 && video.frameRate().fps() < 26, c + ": rate " + video.frameRate());
        Optional<String> repair = video.timestampRepair();
        if (c.repair == null) {
            assertEquals(Optional.empty(), repair, c + ": nothing to repair");
        } else {
            assertTrue(repair.orElse("").contains(c.repair), c + ": probe says what was repaired: " + repair);
        }

        FrameMap map = FrameMapBuilder.build(media);
        for (long i = 1; i < map.frameCount(); i++) {
            assertTrue(map.pts(i) > map.pts(i - 1), c + ": frame " + i + " plays after frame " + (i - 1));
        }

        int last = cli.size() - 1;
        int random = 2 + new Random(c.ordinal()).nextInt(last - 3);
        // Out of order, so some reads seek and some decode on; the middle lands inside the odd stretch.
        int[] order = {last, 0, cli.size() / 2, random, 1, 23, 24, 31, 22};
        try (FrameReader reader = FrameReader.open(media)) {
            for (int index : order) {
                Picture p = reader.read(index);
                int code = FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride());
                assertEquals(cli.get(index), code, c + ": frame " + index);
            }
        }
        for (int index : new int[] {0, 1, cli.size() / 2, random, last}) {
            assertEquals(cli.get(index), selectCode(media, index), c + ": select=eq(n," + index + ")");
        }

        if (c.repair != null) {
            Path proxy = work.resolve("proxy.mp4");
            new ProxyTranscoder()
                    .transcode(media, proxy, ProxySettings.DEFAULT, Progress.Listener.NONE, Cancellation.NEVER);
            List<Integer> proxied = cliCodes(proxy);
            assertEquals(cli, proxied, c + ": the proxy keeps every picture, in order");
        }
    }

    /** Generates the case's file with the bundled ffmpeg. */
    private Path make(Case c) {
        Path out = work.resolve(c.name().toLowerCase() + "." + c.extension);
        switch (c) {
            case DUPLICATE_PTS_AROUND_KEYFRAME -> retime(out, "if(between(N,20,25),PTS-(N-20)*DURATION,PTS)");
            case PTS_BACKWARDS -> retime(out, "if(between(N,30,31),PTS-3*DURATION,PTS)");
            case RAW_H264 -> encode(out, "libx264", "-bf", "2", "-g", "25");
            case RAW_HEVC -> encode(out, "libx265", "-x265-params", "log-level=none:bframes=2", "-g", "25");
            case RAW_M2V, AVI_H264_DTS_ONLY, FLV_H264 -> encode(
                    out, c == Case.RAW_M2V ? "mpeg2video" : "libx264", "-bf", "2", "-g", "12");
            case HUGE_FIRST_PTS -> encode(out, "libx264", "-bf", "2", "-g", "25", "-output_ts_offset", "80000");
                // 2^33 ticks of 90 kHz is 95443.7 s; the muxer adds 1.4 s, so the wrap comes about 1.3 s in.
            case TS_WRAP_AROUND -> encode(out, "libx264", "-bf", "2", "-g", "25", "-output_ts_offset", "95441");
            case LIVE_CUT_MID_GOP -> liveCut(out);
        }
        return out;
    }

    private static void encode(Path out, String codec, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "-frames:v", String.valueOf(FRAMES), "-vf", "format=yuv420p," + FrameCode.drawFilter(), "-c:v", codec));
        args.addAll(Arrays.asList(options));
        args.add(out.toString());
        TestMedia.run(SOURCE, args.toArray(String[]::new));
    }

    /**
     * An H.264 Matroska file (keyframe every 11 frames, no B-frames) whose packet times are rewritten
     * by {@code ptsExpression} without re-encoding; decode times are moved back so the muxer accepts
     * presentation times before them.
     */
    private void retime(Path out, String ptsExpression) {
        Path plain = work.resolve("plain.mkv");
        encode(plain, "libx264", "-bf", "0", "-x264-params", "keyint=11:min-keyint=11:scenecut=0");
        TestMedia.run(
                List.of("-i", plain.toString()),
                "-c",
                "copy",
                "-bsf:v",
                "setts=pts='" + ptsExpression + "':dts='DTS-10*DURATION'",
                out.toString());
    }

    /** The tail of a transport stream from a packet boundary inside its first GOP. */
    private void liveCut(Path out) {
        Path whole = work.resolve("live.ts");
        encode(whole, "libx264", "-bf", "2", "-g", "25");
        try {
            byte[] bytes = Files.readAllBytes(whole);
            int from = (bytes.length / 5 / 188) * 188;
            Files.write(out, Arrays.copyOfRange(bytes, from, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame code of every picture the command line decodes, in its output order. */
    private List<Integer> cliCodes(Path media) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-i"));
        args.addAll(List.of(media.toString(), "-map", "0:v:0", "-fps_mode", "passthrough"));
        args.addAll(List.of("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "160x120", "-"));
        ProcessBuilder pb =
                BundledTools.processBuilder(BundledTools.ffmpeg(), args).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            byte[] raw = p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), "ffmpeg decodes " + media);
            int size = 160 * 120 * 3;
            List<Integer> codes = new ArrayList<>();
            for (int off = 0; off + size <= raw.length; off += size) {
                codes.add(FrameCode.readRgb(Arrays.copyOfRange(raw, off, off + size), 160, 120, 160 * 3));
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The code in the picture {@code select=eq(n\,index)} picks. */
    private int selectCode(Path media, int index) {
        Path png = work.resolve("select-" + index + ".png");
        TestMedia.run(
                List.of("-i", media.toString()),
                "-vf",
                "select=eq(n\\," + index + ")",
                "-fps_mode",
                "passthrough",
                "-frames:v",
                "1",
                png.toString());
        return FrameCode.read(png);
    }
}
