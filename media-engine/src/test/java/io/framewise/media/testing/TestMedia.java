package io.framewise.media.testing;

import io.framewise.media.ffmpeg.BundledTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the media the tests run on with the bundled ffmpeg executable, once per build, into
 * {@code target/test-media}. Every picture carries its own source frame number in a {@link FrameCode}
 * band, so a test checks the decoded picture, not a timestamp.
 */
public final class TestMedia {

    /** What the tests need: each variant names the property of real-world media it stands for. */
    public enum Variant {
        /** H.264 High, 640x360 at 25 fps, GOP 125 with 3 B-frames, AAC stereo: 250 frames. */
        H264_LONG_GOP("h264-long-gop.mp4", 250, 0, 25, 1),
        /** H.264 at 30000/1001 with a drop-frame start timecode 01:00:00;00 in a tmcd track: 150 frames. */
        H264_2997_DF("h264-2997-df.mp4", 150, 0, 30000, 1001),
        /** ProRes 422 10-bit at 24000/1001 in MOV with start timecode 00:59:59:00 and PCM audio: 48 frames. */
        PRORES_23976("prores-23976.mov", 48, 0, 24000, 1001),
        /** HEVC with open GOPs (CRA and leading pictures) and 4 B-frames in Matroska: 120 frames. */
        HEVC_OPEN_GOP("hevc-open-gop.mkv", 120, 0, 25, 1),
        /** H.264 in Matroska whose first pts is 10 s, not 0: 100 frames. */
        START_PTS_10S("h264-start-10s.mkv", 100, 0, 25, 1),
        /** Variable frame rate: 50 frames at 25 fps, then 100 frames at 50 fps, H.264 in MP4. */
        VFR("h264-vfr.mp4", 150, 0, 50, 1),
        /** An MP4 edit list that starts 25 frames into its first GOP: frame 0 shows source frame 25. */
        EDIT_LIST("h264-edit-list.mp4", 175, 25, 25, 1),
        /** H.264 with B-frames and AAC in MPEG-TS (timestamps start at 1.4 s): 100 frames. */
        MPEG_TS("h264.ts", 100, 0, 25, 1),
        /** VP9 and Opus in WebM: 50 frames. */
        VP9_WEBM("vp9.webm", 50, 0, 25, 1),
        /** A phone clip: stored 320x180 landscape, shown portrait 180x320 (rotation 90), AAC: 60 frames. */
        ROTATED_PHONE("phone-rotated.mp4", 60, 0, 30, 1),
        /** H.264 with an English SubRip subtitle track in Matroska: 50 frames. */
        SUBTITLED("h264-subtitles.mkv", 50, 0, 25, 1),
        /** AAC stereo audio only, 48 kHz, 3 s. */
        AUDIO_ONLY("audio.m4a", 0, 0, 25, 1),
        /** A single PNG still, 320x240. */
        STILL_PNG("still.png", 1, 0, 25, 1);

        private final String fileName;
        private final int frameCount;
        private final int codeOffset;
        private final int rateNum;
        private final int rateDen;

        Variant(String fileName, int frameCount, int codeOffset, int rateNum, int rateDen) {
            this.fileName = fileName;
            this.frameCount = frameCount;
            this.codeOffset = codeOffset;
            this.rateNum = rateNum;
            this.rateDen = rateDen;
        }

        public String fileName() {
            return fileName;
        }

        /** The exact number of frames the media holds. */
        public int frameCount() {
            return frameCount;
        }

        /** The code drawn in frame {@code index} of this media. */
        public int expectedCode(long index) {
            return Math.toIntExact(index + codeOffset);
        }

        /** The nominal frame rate, "num/den". */
        public String frameRate() {
            return rateNum + "/" + rateDen;
        }
    }

    private static final Object LOCK = new Object();

    /** Temporary names carry the process id: test forks of the same module generate side by side. */
    private static final String TMP = "tmp-" + ProcessHandle.current().pid() + "-";

    private TestMedia() {}

    /** The folder generated media are kept in for the rest of the build. */
    public static Path directory() {
        Path dir = Path.of(System.getProperty("framewise.testMedia", "target/test-media"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toAbsolutePath();
    }

    /** The file for {@code variant}, generated on first use. */
    public static Path get(Variant variant) {
        synchronized (LOCK) {
            Path target = directory().resolve(variant.fileName());
            if (Files.isRegularFile(target)) {
                return target;
            }
            Path tmp = directory().resolve(TMP + "" + variant.fileName());
            generate(variant, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return target;
        }
    }

    private static String source(int width, int height, String rate, int frames) {
        return "testsrc2=size=" + width + "x" + height + ":rate=" + rate + ",trim=end_frame=" + frames
                + ",format=yuv420p," + FrameCode.drawFilter();
    }

    private static List<String> sine(double seconds) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds);
    }

    private static void generate(Variant v, Path out) {
        String o = out.toString();
        switch (v) {
            case H264_LONG_GOP -> run(
                    withAudio(source(640, 360, "25", 250), 10.0),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-profile:v",
                    "high",
                    "-g",
                    "125",
                    "-keyint_min",
                    "125",
                    "-sc_threshold",
                    "0",
                    "-bf",
                    "3",
                    "-c:a",
                    "aac",
                    "-b:a",
                    "96k",
                    "-shortest",
                    "-f",
                    "mp4",
                    o);
            case H264_2997_DF -> run(
                    withAudio(source(320, 240, "30000/1001", 150), 5.005),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-g",
                    "30",
                    "-bf",
                    "2",
                    "-c:a",
                    "aac",
                    "-timecode",
                    "01:00:00;00",
                    "-shortest",
                    "-f",
                    "mp4",
                    o);
            case PRORES_23976 -> run(
                    withAudio(source(320, 240, "24000/1001", 48) + ",format=yuv422p10le", 2.002),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "prores_ks",
                    "-profile:v",
                    "2",
                    "-c:a",
                    "pcm_s16le",
                    "-timecode",
                    "00:59:59:00",
                    "-shortest",
                    "-f",
                    "mov",
                    o);
            case HEVC_OPEN_GOP -> run(
                    lavfi(source(320, 240, "25", 120)),
                    "-c:v",
                    "libx265",
                    "-preset",
                    "ultrafast",
                    "-x265-params",
                    "log-level=error:open-gop=1:keyint=48:min-keyint=48:scenecut=0:bframes=4",
                    "-f",
                    "matroska",
                    o);
            case START_PTS_10S -> run(
                    lavfi(source(320, 240, "25", 100)),
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-g",
                    "25",
                    "-bf",
                    "2",
                    "-output_ts_offset",
                    "10",
                    "-f",
                    "matroska",
                    o);
            case VFR -> run(
                    // Every other frame of the first two seconds dropped from a 50 fps source: 25 then 50 fps,
                    // with exact timestamps. The code is drawn after the drop, so it counts shown frames.
                    lavfi("testsrc2=size=320x240:rate=50,trim=end_frame=200,select='not(lt(n\\,100)*mod(n\\,2))',"
                            + "format=yuv420p," + FrameCode.drawFilter()),
                    "-fps_mode",
                    "passthrough",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-bf",
                    "2",
                    "-f",
                    "mp4",
                    o);
            case EDIT_LIST -> {
                Path src = directory().resolve(TMP + "edit-source.mp4");
                run(
                        lavfi(source(320, 240, "25", 200)),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-g",
                        "50",
                        "-keyint_min",
                        "50",
                        "-sc_threshold",
                        "0",
                        "-bf",
                        "3",
                        "-f",
                        "mp4",
                        src.toString());
                run(List.of("-ss", "1.0", "-i", src.toString()), "-c", "copy", "-f", "mp4", o);
            }
            case MPEG_TS -> run(
                    withAudio(source(320, 240, "25", 100), 4.0),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-g",
                    "25",
                    "-bf",
                    "2",
                    "-c:a",
                    "aac",
                    "-shortest",
                    "-f",
                    "mpegts",
                    o);
            case VP9_WEBM -> run(
                    withAudio(source(320, 240, "25", 50), 2.0),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libvpx-vp9",
                    "-deadline",
                    "realtime",
                    "-cpu-used",
                    "8",
                    "-g",
                    "25",
                    "-b:v",
                    "500k",
                    "-c:a",
                    "libopus",
                    "-shortest",
                    "-f",
                    "webm",
                    o);
            case ROTATED_PHONE -> {
                // Stored as a phone sensor does (upright turned a quarter counter-clockwise), shown upright
                // by a display matrix that turns it a quarter clockwise.
                Path stored = directory().resolve(TMP + "phone-stored.mp4");
                run(
                        withAudio(source(180, 320, "30", 60) + ",transpose=cclock", 2.0),
                        "-map",
                        "0:v",
                        "-map",
                        "1:a",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-c:a",
                        "aac",
                        "-shortest",
                        "-f",
                        "mp4",
                        stored.toString());
                run(List.of("-display_rotation", "-90", "-i", stored.toString()), "-c", "copy", "-f", "mp4", o);
            }
            case SUBTITLED -> {
                Path srt = directory().resolve(TMP + "subtitles.srt");
                write(
                        srt,
                        "1\n00:00:00,000 --> 00:00:01,000\nFirst line\n\n2\n00:00:01,000 --> 00:00:02,000\n"
                                + "Second line\n");
                List<String> in = new ArrayList<>(lavfi(source(320, 240, "25", 50)));
                in.addAll(List.of("-i", srt.toString()));
                run(
                        in,
                        "-map",
                        "0:v",
                        "-map",
                        "1:s",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-c:s",
                        "srt",
                        "-metadata:s:s:0",
                        "language=eng",
                        "-f",
                        "matroska",
                        o);
            }
            case AUDIO_ONLY -> run(sine(3.0), "-ac", "2", "-c:a", "aac", "-f", "mp4", o);
            case STILL_PNG -> run(lavfi(source(320, 240, "25", 1)), "-frames:v", "1", "-f", "image2", "-c:v", "png", o);
        }
    }

    private static List<String> lavfi(String graph) {
        return List.of("-f", "lavfi", "-i", graph);
    }

    private static List<String> withAudio(String graph, double seconds) {
        List<String> in = new ArrayList<>(lavfi(graph));
        in.addAll(sine(seconds));
        return in;
    }

    /** Runs the bundled ffmpeg with inputs then output options; fails with its error output. */
    public static void run(List<String> inputs, String... outputArgs) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        args.addAll(inputs);
        args.addAll(List.of(outputArgs));
        exec(BundledTools.processBuilder(BundledTools.ffmpeg(), args));
    }

    /** Runs a process to completion within ten minutes; fails with its output when it does not exit 0. */
    public static void exec(ProcessBuilder pb) {
        BundledTools.runToCompletion(pb, java.time.Duration.ofMinutes(10));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
