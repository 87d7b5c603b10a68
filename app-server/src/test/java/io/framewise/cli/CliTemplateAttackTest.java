package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.cli.CliTest.Run;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `framewise clip --template` handed hostile template files and hostile files beside them: every
 * attempt ends with a one-line usage or media error naming the problem, and no clip is written.
 */
class CliTemplateAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MP4 = ",\"output\":{\"format\":\"mp4\"}}";

    @TempDir
    Path tmp;

    private Path template(String json) throws IOException {
        return Files.writeString(tmp.resolve("brand.json"), json);
    }

    private Run clip(Path template, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "clip",
                TestMedia.get(Variant.H264_LONG_GOP).toString(),
                "--in",
                "10",
                "--out",
                "20",
                "--template",
                template.toString(),
                "-o",
                tmp.resolve("out.mp4").toString()));
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(String[]::new));
    }

    private void assertRefused(Run r, int exit, String says) throws IOException {
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().startsWith("framewise: "), r.err());
        assertTrue(r.err().contains(says), "'" + says + "' in " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        try (Stream<Path> files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("out")), "no clip left");
        }
    }

    @Test
    void aTemplateFileOfBinaryGarbageIsAUsageErrorNamingIt() throws IOException {
        // Bytes that are not UTF-8 at all: the file must be named, not a decoder's "Input length = 1".
        Path t = Files.write(tmp.resolve("brand.json"), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1, 2});
        assertRefused(clip(t), FramewiseCli.EXIT_USAGE, "brand.json");
    }

    @Test
    void aTemplateThatIsNotJsonOrIsAFolderOrMissingIsRefused() throws IOException {
        assertRefused(clip(template("name: brand\nsteps: []\n")), FramewiseCli.EXIT_USAGE, "is not JSON");
        Path folder = Files.createDirectory(tmp.resolve("folder.json"));
        assertRefused(clip(folder), FramewiseCli.EXIT_USAGE, "folder.json");
        assertRefused(clip(tmp.resolve("missing.json")), FramewiseCli.EXIT_USAGE, "missing.json");
    }

    @Test
    void idsThatClimbOutOfTheTemplatesFolderAreRefusedBeforeAnyFileIsOpened() throws IOException {
        // A secret.png one folder up exists: an id reaching it would draw it into the clip.
        Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(tmp.resolve("secret.png"), "not for clips");
        Path t = Files.writeString(
                tmp.resolve("templates/brand.json"),
                "{\"name\":\"x\",\"steps\":[{\"type\":\"image\",\"imageId\":\"../secret\"}]" + MP4);
        assertRefused(clip(t), FramewiseCli.EXIT_USAGE, "steps[0].imageId is not an id");
        Path s = Files.writeString(
                tmp.resolve("templates/subs.json"),
                "{\"name\":\"x\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"/etc/passwd\"}]"
                        + MP4);
        assertRefused(clip(s), FramewiseCli.EXIT_USAGE, "steps[0].fileId is not an id");
    }

    @Test
    void aLogoPngThatIsTextIsAMediaErrorAndAMissingOneIsNamed() throws IOException {
        Path t = template("{\"name\":\"x\",\"steps\":[{\"type\":\"image\",\"imageId\":\"logo\"}]" + MP4);
        assertRefused(clip(t), FramewiseCli.EXIT_USAGE, "logo.png");
        Files.writeString(tmp.resolve("logo.png"), "<svg onload=alert(1)>not a png</svg>\n");
        assertRefused(clip(t), FramewiseCli.EXIT_MEDIA, "logo.png");
    }

    @Test
    void subtitlesBesideTheTemplateThatAreNotSubtitlesAreRefused() throws IOException {
        Path t = template(
                "{\"name\":\"x\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"subs\"}]"
                        + MP4);
        assertRefused(clip(t), FramewiseCli.EXIT_USAGE, "subs.vtt");
        byte[] noise = new byte[8192];
        new java.util.Random(7).nextBytes(noise);
        Files.write(tmp.resolve("subs.srt"), noise);
        assertRefused(clip(t), FramewiseCli.EXIT_USAGE, "steps[0].fileId");
    }

    @Test
    void hugeValuesInTheTemplateAreUsageErrorsAtTheirPlace() throws IOException {
        assertRefused(
                clip(template("{\"name\":\"x\",\"steps\":[{\"type\":\"slate\",\"frames\":99999999999}]" + MP4)),
                FramewiseCli.EXIT_USAGE,
                "steps[0].frames");
        assertRefused(
                clip(template("{\"name\":\"x\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"maxHeight\":1e9}}")),
                FramewiseCli.EXIT_USAGE,
                "output.maxHeight");
    }

    @Test
    void aTemplateCannotBeMixedWithTheOldWatermarkOptions() throws IOException {
        Path t = template("{\"name\":\"x\",\"steps\":[]" + MP4);
        assertRefused(
                clip(t, "--mode", "reencode", "--watermark-text", "x"), FramewiseCli.EXIT_USAGE, "--template replaces");
    }

    @Test
    void aTitleFullOfDrawtextSyntaxIsDrawnAsText() throws IOException {
        // %{...} would be an FFmpeg expansion, backslashes its escapes, {timecode} a placeholder: the
        // title is data, so the clip is cut as usual.
        Path t = template("{\"name\":\"x\",\"steps\":[{\"type\":\"text\",\"text\":\"{title}\"}]" + MP4);
        Run r = clip(t, "--title", "%{eif:1/0:d} %{localtime} \\ {timecode} %{metadata:fw.frame}\n\u0007");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(10, j.get("frameCount").asLong());
    }
}
