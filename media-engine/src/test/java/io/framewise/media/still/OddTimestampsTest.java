package io.framewise.media.still;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.media.MediaInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose timestamps do not tell the frames apart: an AVI with MPEG-4 part 2 B-frames (packets
 * without pts) and a Matroska file where two frames share a pts. Their frames are still the pictures a
 * decoder outputs, numbered the way {@code ffmpeg -vf select=eq(n\,N)} numbers them.
 */
class OddTimestampsTest {

    private static final int FRAMES = 60;

    @TempDir
    Path work;

    @Test
    void aviWithMpeg4BFramesIsProbedAndEveryFrameLandsOnItsPicture() {
        Path avi = work.resolve("mpeg4-bframes.avi");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"),
                "-frames:v",
                String.valueOf(FRAMES),
                "-vf",
                "format=yuv420p," + FrameCode.drawFilter(),
                "-c:v",
                "mpeg4",
                "-bf",
                "2",
                avi.toString());
        assertFramesAreTheDecodersOutput(avi);
    }

    @Test
    void matroskaWithACollidingPtsKeepsBothPictures() {
        Path mkv = work.resolve("vfr-duplicate-pts.mkv");
        // Frames 10 and 11 are stamped with the same time; the muxer keeps both packets.
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"),
                "-frames:v",
                String.valueOf(FRAMES),
                "-vf",
                "format=yuv420p," + FrameCode.drawFilter() + ",setpts='if(eq(N\\,11)\\,10\\,N)/25/TB'",
                "-c:v",
                "libx264",
                "-bf",
                "0",
                "-fps_mode",
                "passthrough",
                mkv.toString());
        assertEquals(2, packetsAtPts(mkv, 400), "the file really holds two packets with pts 400 ms");
        String repair =
                MediaProbe.probe(mkv).video().orElseThrow().timestampRepair().orElseThrow();
        assertTrue(repair.contains("repeated or went backwards"), "probe says which frames were moved: " + repair);
        assertFramesAreTheDecodersOutput(mkv);
        FrameMap map = FrameMapBuilder.build(mkv);
        for (long i = 1; i < map.frameCount(); i++) {
            assertTrue(map.pts(i) > map.pts(i - 1), "frame " + i + " has a later pts than frame " + (i - 1));
        }
    }

    private void assertFramesAreTheDecodersOutput(Path media) {
        int decoded = cliFrameCount(media);
        assertEquals(FRAMES, decoded, "the command line decodes every picture");
        MediaInfo info = MediaProbe.probe(media);
        assertEquals(decoded, info.video().orElseThrow().frameCount(), "probe counts what a decoder outputs");
        assertTrue(info.video().orElseThrow().timestampRepair().isPresent(), "probe says timestamps were repaired");
        int[] indices = {0, 1, 10, 11, 12, FRAMES / 2, 43, FRAMES - 1};
        try (FrameReader reader = FrameReader.open(media)) {
            // Out of order, so some reads seek and some decode on.
            for (int k : new int[] {7, 0, 4, 2, 1, 3, 5, 6}) {
                int index = indices[k];
                Picture p = reader.read(index);
                int code = FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride());
                assertEquals(cliCode(media, index), code, "frame " + index);
            }
        }
    }

    /** The code in the picture {@code select=eq(n\,index)} picks. */
    private int cliCode(Path media, int index) {
        Path png = work.resolve("cli-" + index + ".png");
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

    /** How many pictures the command line decodes (its null-output frame counter). */
    private int cliFrameCount(Path media) {
        String log = ffmpegLog(List.of("-i", media.toString(), "-map", "0:v:0", "-f", "null", "-"));
        Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(log);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private int packetsAtPts(Path media, long pts) {
        String log = ffmpegLog(List.of("-i", media.toString(), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-"));
        int count = 0;
        for (String line : log.split("\n")) {
            String[] cols = line.split(",");
            if (cols.length > 3 && !line.startsWith("#") && cols[2].trim().equals(String.valueOf(pts))) {
                count++;
            }
        }
        return count;
    }

    private String ffmpegLog(List<String> args) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
        all.addAll(args);
        ProcessBuilder pb =
                BundledTools.processBuilder(BundledTools.ffmpeg(), all).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
