package io.framewise.media.clip.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.MediaAssertions;
import io.framewise.model.time.FrameRange;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templated clips on generated media whose pictures carry their frame index (top band). */
class TemplateClipperTest {

    private static final FrameRange RANGE = FrameRange.of(20, 40);
    private static final String MP4 = ",\"output\":{\"format\":\"mp4\"}}";

    @TempDir
    Path dir;

    private Path source;
    private FrameMap map;
    private Path logo;
    private final TemplateClipper clipper = new TemplateClipper();

    @BeforeEach
    void setUp() throws IOException {
        source = TestMedia.get(Variant.H264_LONG_GOP);
        map = FrameMapBuilder.build(source);
        BufferedImage image = new BufferedImage(160, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 160, 60);
        g.dispose();
        logo = dir.resolve("logo.png");
        ImageIO.write(image, "png", logo.toFile());
    }

    private TemplateClipper.Result cut(String name, String json, ClipMode mode, TemplateContext ctx) {
        return clipper.cut(
                source,
                map,
                dir.resolve(name),
                RANGE,
                mode,
                ClipTemplates.parse(json),
                ctx,
                Progress.Listener.NONE,
                new Cancellation());
    }

    private TemplateContext context() {
        return TemplateContext.of("Review").withFiles(Map.of("logo", logo));
    }

    @Test
    void textBoxAndLogoSitWhereTheTemplateSaysAndEveryFrameIsItsSourceFrame() {
        String json = "{\"name\":\"t\",\"steps\":["
                + "{\"type\":\"text\",\"text\":\"{title}\",\"position\":\"bottom-left\",\"size\":0.08,\"color\":\"#FFFFFF\",\"box\":true,\"boxColor\":\"#0000FF\"},"
                + "{\"type\":\"image\",\"imageId\":\"logo\",\"position\":\"bottom-right\",\"scale\":0.25,\"opacity\":1}]"
                + MP4;
        TemplateClipper.Result plain = cut("plain.mp4", "{\"name\":\"p\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"maxHeight\":2000}}", ClipMode.REENCODE, context());
        for (ClipMode mode : new ClipMode[] {ClipMode.SMART, ClipMode.REENCODE}) {
            TemplateClipper.Result r = cut(mode + ".mp4", json, mode, context());
            assertEquals(20, r.clip().frameCount());
            assertEquals(0, r.slateFrames());
            assertEquals(ClipMode.REENCODE, r.clip().mode());
            assertEquals(mode != ClipMode.REENCODE, r.clip().fallbackReason().isPresent(), "the fallback is said");
            MediaAssertions.assertShowsFrames(r.clip().output(), Variant.H264_LONG_GOP, 20, 40);
            DecodedVideo a = DecodedVideo.decode(plain.clip().output(), true);
            DecodedVideo b = DecodedVideo.decode(r.clip().output(), true);
            for (int k : new int[] {0, 10, 19}) {
                BufferedImage y = b.images().get(k);
                // Margin 11 px; the box reaches 7 px from the left, 18 px up from the bottom edge at least.
                int[] box = mean(y, 7, 360 - 20, 6, 8);
                assertTrue(box[2] > 150 && box[0] < 90, "blue box bottom left in frame " + k + ": " + rgb(box));
                // 25% of 640 = 160 x 60 logo, 11 px from the bottom-right corner.
                int[] red = mean(y, 640 - 11 - 150, 360 - 11 - 50, 140, 40);
                assertTrue(red[0] > 180 && red[1] < 80 && red[2] < 80, "red logo bottom right in frame " + k + ": " + rgb(red));
                assertTrue(difference(a.images().get(k), y, 0, 0, 640, 60) < 3, "code band untouched");
                assertTrue(difference(a.images().get(k), y, 200, 80, 240, 160) < 3, "middle untouched");
            }
        }
    }

    @Test
    void aSlateComesBeforeTheClipFramesAndIsCounted() {
        String json = "{\"name\":\"s\",\"steps\":[{\"type\":\"slate\",\"frames\":7,\"background\":\"#808080\","
                + "\"lines\":[\"{title}\",\"{timecode}\"]}]" + MP4;
        TemplateClipper.Result r = cut("slate.mp4", json, ClipMode.REENCODE, context());
        assertEquals(7, r.slateFrames());
        assertEquals(27, r.totalFrames());
        DecodedVideo v = DecodedVideo.decode(r.clip().output(), true);
        assertEquals(27, v.frameCount());
        assertEquals(27, FrameMapBuilder.build(r.clip().output()).frameCount());
        for (int i = 0; i < 7; i++) {
            int[] grey = mean(v.images().get(i), 0, 0, 100, 40);
            assertTrue(Math.abs(grey[0] - 128) < 12 && Math.abs(grey[2] - 128) < 12, "slate frame " + i + ": " + rgb(grey));
        }
        for (int k = 0; k < 20; k++) {
            assertEquals(20 + k, v.codes().get(7 + k), "clip frame " + k + " after the slate");
        }
        MediaAssertions.assertAudioAlignedWithVideo(r.clip().output(), 0.1);
    }

    @Test
    void webmOutputHasTheFramesAskedFor() {
        String json = "{\"name\":\"w\",\"steps\":[{\"type\":\"text\",\"text\":\"{frame}\",\"position\":\"center\"}],"
                + "\"output\":{\"format\":\"webm\"}}";
        TemplateClipper.Result r = cut("clip.webm", json, ClipMode.REENCODE, context());
        Path out = r.clip().output();
        assertTrue(Files.isRegularFile(out));
        MediaAssertions.assertShowsFrames(out, Variant.H264_LONG_GOP, 20, 40);
        // The CLI is not asked: the bundled FFmpeg 8.0.1 reports "Error parsing Opus packet header" on
        // the last packet of any libopus stream, its own included (ADR 0034). The audio is checked here.
        MediaAssertions.assertAudioAlignedWithVideo(out, 0.05);
    }

    @Test
    void scaleNeverUpscales() {
        TemplateClipper.Result up = cut(
                "up.mp4", "{\"name\":\"u\",\"steps\":[{\"type\":\"scale\",\"maxHeight\":1080}]" + MP4, ClipMode.REENCODE, context());
        DecodedVideo big = DecodedVideo.decode(up.clip().output());
        assertEquals(640, big.width());
        assertEquals(360, big.height());
        TemplateClipper.Result down = cut(
                "down.mp4", "{\"name\":\"d\",\"steps\":[{\"type\":\"scale\",\"maxHeight\":180}]" + MP4, ClipMode.REENCODE, context());
        DecodedVideo small = MediaAssertions.assertShowsFrames(down.clip().output(), Variant.H264_LONG_GOP, 20, 40);
        assertEquals(320, small.width());
        assertEquals(180, small.height());
    }

    @Test
    void subtitlesAndDrawingsShowOnlyOnTheirFrames() throws IOException {
        // Source frames 25..34 (1.0 s to 1.4 s at 25 fps) are clip frames 5..14.
        Path srt = dir.resolve("subs.srt");
        Files.writeString(srt, "1\n00:00:01,000 --> 00:00:01,400\nHello <i>there</i>\n\n");
        String drawing = "{\"schema\":1,\"shapes\":[{\"type\":\"rect\",\"color\":\"#00FF00\",\"width\":0.02,"
                + "\"points\":[[0.1,0.4],[0.4,0.7]]}]}";
        TemplateContext ctx = TemplateContext.of("Review")
                .withFiles(Map.of("subs", srt))
                .withDrawings(List.of(new TemplateContext.Drawing(FrameRange.of(30, 33), drawing)));
        String json = "{\"name\":\"d\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"subs\",\"size\":0.08},"
                + "{\"type\":\"drawings\"}]" + MP4;
        TemplateClipper.Result plain = cut("plain.mp4", "{\"name\":\"p\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"maxHeight\":2000}}", ClipMode.REENCODE, ctx);
        TemplateClipper.Result r = cut("subs.mp4", json, ClipMode.REENCODE, ctx);
        MediaAssertions.assertShowsFrames(r.clip().output(), Variant.H264_LONG_GOP, 20, 40);
        DecodedVideo a = DecodedVideo.decode(plain.clip().output(), true);
        DecodedVideo b = DecodedVideo.decode(r.clip().output(), true);
        for (int k = 0; k < 20; k++) {
            double subtitle = difference(a.images().get(k), b.images().get(k), 200, 290, 240, 60);
            assertEquals(k >= 5 && k < 15, subtitle > 4, "subtitle on clip frame " + k + " (difference " + subtitle + ")");
            double rect = difference(a.images().get(k), b.images().get(k), 60, 137, 200, 14);
            assertEquals(k >= 10 && k < 13, rect > 10, "drawing on clip frame " + k + " (difference " + rect + ")");
        }
    }

    @Test
    void theBurnedTimecodeIsTheSourcesDropFrameTimecode() {
        Path df = TestMedia.get(Variant.H264_2997_DF);
        FrameMap dfMap = FrameMapBuilder.build(df);
        String json = "{\"name\":\"tc\",\"steps\":[{\"type\":\"text\",\"text\":\"TC {timecode} #{frame}\",\"position\":\"bottom\",\"size\":0.1,\"box\":true}]" + MP4;
        TemplateClipper.Result r = clipper.cut(
                df,
                dfMap,
                dir.resolve("df.mp4"),
                FrameRange.of(100, 130),
                ClipMode.REENCODE,
                ClipTemplates.parse(json),
                TemplateContext.of("x"),
                Progress.Listener.NONE,
                new Cancellation());
        MediaAssertions.assertShowsFrames(r.clip().output(), Variant.H264_2997_DF, 100, 130);
        DecodedVideo v = DecodedVideo.decode(r.clip().output(), true);
        int h = v.height();
        // The label changes every frame: consecutive frames differ where it is drawn.
        for (int k = 0; k < 5; k++) {
            assertTrue(difference(v.images().get(k), v.images().get(k + 1), 0, h - h / 5, v.width(), h / 5) > 1,
                    "the burned label changes from clip frame " + k);
        }
    }

    @Test
    void aTemplateNamingAFileTheContextLacksIsRefused() {
        String json = "{\"name\":\"t\",\"steps\":[{\"type\":\"image\",\"imageId\":\"other\"}]" + MP4;
        TemplateException e = assertThrows(
                TemplateException.class, () -> cut("x.mp4", json, ClipMode.REENCODE, context()));
        assertEquals("steps[0].imageId", e.path());
        assertFalse(Files.exists(dir.resolve("x.mp4")));
    }

    @Test
    void thePreviewIsTheExactFrameWithTheClipsOverlays() throws IOException {
        String json = "{\"name\":\"t\",\"steps\":["
                + "{\"type\":\"image\",\"imageId\":\"logo\",\"position\":\"bottom-right\",\"scale\":0.25,\"opacity\":1},"
                + "{\"type\":\"slate\",\"frames\":3,\"background\":\"#808080\"}]" + MP4;
        ClipTemplate t = ClipTemplates.parse(json);
        byte[] jpeg = TemplatePreview.still(source, map, 137, t, context(), 640, false);
        BufferedImage still = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(137, FrameCode.read(still));
        assertEquals(640, still.getWidth());
        int[] red = mean(still, 640 - 11 - 150, 360 - 11 - 50, 140, 40);
        assertTrue(red[0] > 180 && red[1] < 80 && red[2] < 80, "logo in the preview: " + rgb(red));
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(TemplatePreview.still(source, map, 3, t, context(), 320, false)));
        assertEquals(320, small.getWidth());
        assertEquals(3, FrameCode.read(small));
        BufferedImage card = ImageIO.read(new ByteArrayInputStream(TemplatePreview.still(source, map, 3, t, context(), 640, true)));
        int[] grey = mean(card, 0, 0, 100, 40);
        assertTrue(Math.abs(grey[0] - 128) < 12, "the slate card: " + rgb(grey));
    }

    static int[] mean(BufferedImage img, int x0, int y0, int w, int h) {
        long r = 0, g = 0, b = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = img.getRGB(x, y);
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
        }
        long n = (long) w * h;
        return new int[] {(int) (r / n), (int) (g / n), (int) (b / n)};
    }

    static double difference(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF))
                        + Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return sum / (3.0 * w * h);
    }

    private static String rgb(int[] c) {
        return "rgb(" + c[0] + "," + c[1] + "," + c[2] + ")";
    }
}
