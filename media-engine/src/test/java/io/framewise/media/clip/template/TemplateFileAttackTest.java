package io.framewise.media.clip.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.model.time.FrameRange;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile template files and the files they name, as an attacker would write them (a template stored
 * on the server, or a --template file handed to the CLI): each attempt must be refused with a
 * {@link TemplateException} naming the place, or a {@link MediaException}, and leave no clip behind.
 */
class TemplateFileAttackTest {

    private static final String MP4 = ",\"output\":{\"format\":\"mp4\"}}";

    @TempDir
    Path dir;

    private Path source;
    private FrameMap map;

    @BeforeEach
    void setUp() {
        source = TestMedia.get(Variant.H264_LONG_GOP);
        map = FrameMapBuilder.build(source);
    }

    private static TemplateException refused(String json) {
        return assertThrows(TemplateException.class, () -> ClipTemplates.parse(json), json);
    }

    @Test
    void garbageThatIsNotATemplateIsRefusedAsAWhole() {
        // Binary noise, a truncated document, JSON that is not an object, an empty file.
        String noise =
                new String(new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x1B, 0x7F, '{'}, StandardCharsets.ISO_8859_1);
        for (String json : List.of(noise, "{\"name\":\"x\",\"steps\":[", "[]", "\"template\"", "null", "")) {
            assertEquals("", refused(json).path(), json);
        }
    }

    @Test
    void nestingDeepEnoughToExhaustAStackIsRefusedNotAStackOverflow() {
        // 100 000 nested arrays inside a field: the parser's depth limit must stop it before the stack.
        String deep = "{\"name\":\"x\",\"steps\":[],\"output\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        TemplateException e = refused(deep);
        assertEquals("", e.path(), e.getMessage());
    }

    @Test
    void hugeAndOddNumbersAreRefusedWhereTheyStand() {
        // Frames past int, negative, fractional, numbers as strings, infinities, bit rates past int.
        Map<String, String> attempts = Map.of(
                "{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":1000000000000}]" + MP4,
                "steps[0].frames",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":-1}]" + MP4,
                "steps[0].frames",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":2.5}]" + MP4,
                "steps[0].frames",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":\"5\"}]" + MP4,
                "steps[0].frames",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"text\",\"size\":1e400}]" + MP4,
                "steps[0].size",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"text\",\"opacity\":-1e-300}]" + MP4,
                "steps[0].opacity",
                "{\"name\":\"x\",\"steps\":[{\"type\":\"scale\",\"maxHeight\":2147483648}]" + MP4,
                "steps[0].maxHeight",
                "{\"name\":\"x\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"videoBitrateKbps\":99999999999}}",
                "output.videoBitrateKbps",
                "{\"name\":\"x\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"maxHeight\":100000}}",
                "output.maxHeight");
        attempts.forEach((json, path) -> assertEquals(path, refused(json).path(), json));
    }

    @Test
    void sizesThatWouldCostMemoryOrTimeAreCapped() {
        // A megabyte of text, ten thousand steps, a thousand slate lines, a long name.
        String text = "{\"name\":\"x\",\"steps\":[{\"type\":\"text\",\"text\":\"" + "A".repeat(1 << 20) + "\"}]" + MP4;
        assertEquals("steps[0].text", refused(text).path());
        String steps = "{\"name\":\"x\",\"steps\":["
                + String.join(",", java.util.Collections.nCopies(10_000, "{\"type\":\"drawings\"}")) + "]" + MP4;
        assertEquals("steps", refused(steps).path());
        String lines = "{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":1,\"lines\":["
                + String.join(",", java.util.Collections.nCopies(1000, "\"{title}\"")) + "]}]" + MP4;
        assertEquals("steps[0].lines", refused(lines).path());
        assertEquals(
                "name",
                refused("{\"name\":\"" + "n".repeat(5000) + "\",\"steps\":[]" + MP4)
                        .path());
    }

    @Test
    void fileIdsCannotClimbOutOfTheirFolderOrNameAPath() {
        // Every id is resolved against a folder by the CLI and looked up by the server: none of these
        // may reach the parser's caller.
        for (String id : List.of(
                "../../etc/passwd",
                "..",
                "/etc/passwd",
                "logo/../../secret",
                "C:\\\\Windows\\\\win.ini",
                "logo.png",
                "%2e%2e%2fsecret",
                "logo\\u0000.png",
                "l\u043Ego",
                "",
                "x".repeat(65))) {
            String image = "{\"name\":\"x\",\"steps\":[{\"type\":\"image\",\"imageId\":\"" + id + "\"}]" + MP4;
            assertEquals("steps[0].imageId", refused(image).path(), id);
            String subs = "{\"name\":\"x\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"" + id
                    + "\"}]" + MP4;
            assertEquals("steps[0].fileId", refused(subs).path(), id);
        }
    }

    @Test
    void drawtextExpansionsInUserTextStayUnknownPlaceholdersOrLiteral() {
        // A placeholder name that is FFmpeg's own expansion is not a template placeholder.
        assertEquals(
                "steps[0].text",
                refused("{\"name\":\"x\",\"steps\":[{\"type\":\"text\",\"text\":\"{localtime}\"}]" + MP4)
                        .path());
        assertEquals(
                "steps[0].lines[0]",
                refused("{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":1,\"lines\":[\"{metadata:x}\"]}]"
                                + MP4)
                        .path());
    }

    private TemplateClipper.Result cut(String json, Map<String, Path> files) {
        return new TemplateClipper()
                .cut(
                        source,
                        map,
                        dir.resolve("clip.mp4"),
                        FrameRange.of(10, 20),
                        ClipMode.REENCODE,
                        ClipTemplates.parse(json),
                        TemplateContext.of("t").withFiles(files),
                        Progress.Listener.NONE,
                        new Cancellation());
    }

    private void assertNoClipLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.contains("clip")), "no clip or part file: " + names);
        }
    }

    private static final String LOGO =
            "{\"name\":\"x\",\"steps\":[{\"type\":\"image\",\"imageId\":\"logo\",\"scale\":1}]" + MP4;

    @Test
    void aPngThatIsTextIsRefusedAndNoClipIsLeft() throws IOException {
        Path fake = Files.writeString(dir.resolve("logo.png"), "this is not a picture\n".repeat(50));
        assertThrows(MediaException.class, () -> cut(LOGO, Map.of("logo", fake)));
        assertNoClipLeft();
    }

    @Test
    void aPngThatIsAPlaylistNamingALocalFileIsNotFollowed() throws IOException {
        // An HLS playlist under a .png name: FFmpeg must not open it as HLS and read the file it names
        // (the clip would show it), nor any URL it names.
        Path secret = Files.write(dir.resolve("secret.ts"), new byte[188 * 10]);
        Path fake = Files.writeString(
                dir.resolve("logo.png"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + secret.toUri() + "\n#EXT-X-ENDLIST\n");
        assertThrows(MediaException.class, () -> cut(LOGO, Map.of("logo", fake)));
        assertNoClipLeft();
    }

    @Test
    void aMissingFileOrAFolderNamedByAnIdIsRefusedBeforeAnyWork() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        TemplateException missing =
                assertThrows(TemplateException.class, () -> cut(LOGO, Map.of("logo", dir.resolve("missing.png"))));
        assertEquals("steps[0].imageId", missing.path());
        TemplateException isFolder = assertThrows(TemplateException.class, () -> cut(LOGO, Map.of("logo", folder)));
        assertEquals("steps[0].imageId", isFolder.path());
        TemplateException unknown = assertThrows(TemplateException.class, () -> cut(LOGO, Map.of()));
        assertEquals("steps[0].imageId", unknown.path());
        assertNoClipLeft();
    }

    @Test
    void aSliverOfALogoScaledToTheFrameWidthDoesNotBlowUpItsHeight() throws IOException {
        // A red 20 x 2000 PNG (a few kilobytes) at scale 1 of the 640 x 360 frame would become
        // 640 x 64 000 pixels if only its width were fitted: 160 MB of RGBA laid over every frame
        // (minutes per second of clip) and the whole frame painted red. Fitted into the frame it is a
        // thin red bar at the right edge and the rest of the picture is the source's.
        BufferedImage sliver = new BufferedImage(20, 2000, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = sliver.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 20, 2000);
        g.dispose();
        Path png = dir.resolve("sliver.png");
        ImageIO.write(sliver, "png", png.toFile());
        TemplateClipper.Result r = cut(LOGO, Map.of("logo", png));
        assertEquals(10, r.clip().frameCount());
        BufferedImage branded =
                DecodedVideo.decode(r.clip().output(), true).images().get(0);
        Path plainClip = dir.resolve("plain.mp4");
        new TemplateClipper()
                .cut(
                        source,
                        map,
                        plainClip,
                        FrameRange.of(10, 20),
                        ClipMode.REENCODE,
                        ClipTemplates.parse("{\"name\":\"p\",\"steps\":[]" + MP4),
                        TemplateContext.of("t"),
                        Progress.Listener.NONE,
                        new Cancellation());
        BufferedImage plain = DecodedVideo.decode(plainClip, true).images().get(0);
        int changed = 0;
        int samples = 0;
        for (int x = 0; x < branded.getWidth() - 40; x += 4) {
            for (int y = 0; y < branded.getHeight(); y += 4) {
                samples++;
                java.awt.Color a = new java.awt.Color(branded.getRGB(x, y));
                java.awt.Color b = new java.awt.Color(plain.getRGB(x, y));
                if (Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) > 60) {
                    changed++;
                }
            }
        }
        assertTrue(
                changed < samples / 100,
                "the picture beside the sliver is the source's: " + changed + " of " + samples + " samples changed");
        java.awt.Color edge = new java.awt.Color(branded.getRGB(branded.getWidth() - 13, branded.getHeight() / 2));
        assertTrue(edge.getRed() > 180 && edge.getGreen() < 80, "the sliver is drawn at the right edge: " + edge);
    }

    @Test
    void subtitleFilesThatAreNotSubtitlesOrTooLargeAreRefused() throws IOException {
        String subs =
                "{\"name\":\"x\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"s\"}]" + MP4;
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(13).nextBytes(noise);
        Path binary = Files.write(dir.resolve("noise.srt"), noise);
        assertEquals(
                "steps[0].fileId",
                assertThrows(TemplateException.class, () -> cut(subs, Map.of("s", binary)))
                        .path());
        Path huge = dir.resolve("huge.srt");
        try (var out = Files.newBufferedWriter(huge)) {
            String cue = "1\n00:00:00,000 --> 00:00:01,000\nline\n\n";
            for (int i = 0; i < (5 << 20) / cue.length(); i++) {
                out.write(cue);
            }
        }
        assertEquals(
                "steps[0].fileId",
                assertThrows(TemplateException.class, () -> cut(subs, Map.of("s", huge)))
                        .path());
        assertNoClipLeft();
    }

    @Test
    void aSubtitleCueWithDrawtextExpansionsIsShownNotEvaluated() throws IOException {
        // Cue text goes on the frames as metadata; %{eif:...} with a huge loop-free expression or
        // %{localtime} would only be evaluated if the text were parsed: the cut just works.
        Path srt = Files.writeString(
                dir.resolve("cue.srt"),
                "1\n00:00:00,000 --> 00:00:10,000\n%{eif:1/0:d} %{localtime} \\ %{metadata:fw.frame}\n\n");
        String subs =
                "{\"name\":\"x\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"s\"}]" + MP4;
        TemplateClipper.Result r = cut(subs, Map.of("s", srt));
        assertEquals(10, r.clip().frameCount());
        assertTrue(Files.size(r.clip().output()) > 0);
    }
}
