package io.framewise.server.subtitles;

import io.framewise.media.testing.TestMedia;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Media with subtitle tracks for the tests, made by the bundled ffmpeg. */
public final class SubtitleTestMedia {

    /** Two cues: frames 25..49 and 63..74 at 25 fps. */
    public static final String SRT = "1\n00:00:01,000 --> 00:00:02,000\nFirst <i>line</i>\n\n"
            + "2\n00:00:02,500 --> 00:00:03,000\nSecond & last\n";

    private SubtitleTestMedia() {}

    /**
     * A {@code seconds}-long video at {@code rate} made by the bundled ffmpeg, with {@link #SRT} muxed
     * in as {@code codec} (srt or ass in Matroska, mov_text in MP4), or no subtitle track when codec is
     * null.
     */
    public static Path make(Path dir, String rate, String container, String codec, int seconds) throws IOException {
        Path srt = dir.resolve("cues.srt");
        Files.writeString(srt, SRT, StandardCharsets.UTF_8);
        Path out = dir.resolve("media-" + rate.replace('/', '_') + "-" + codec + "." + container);
        List<String> in =
                new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=" + rate + ",format=yuv420p"));
        List<String> args = new ArrayList<>(List.of("-t", String.valueOf(seconds), "-map", "0:v"));
        if (codec != null) {
            in.addAll(List.of("-i", srt.toString()));
            args.addAll(List.of("-map", "1:s", "-c:s", codec, "-metadata:s:s:0", "language=eng"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "12", "-pix_fmt", "yuv420p"));
        if (container.equals("mp4")) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.add(out.toString());
        TestMedia.run(in, args.toArray(String[]::new));
        return out;
    }
}
