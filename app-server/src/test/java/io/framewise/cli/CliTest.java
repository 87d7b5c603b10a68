package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line forms other tools rely on, run in-process against real media. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsThatExist() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String c :
                new String[] {"probe", "still", "transcode", "thumbs", "clip", "server", "demo", "test", "bench"}) {
            assertTrue(r.out().contains(c), c + " in\n" + r.out());
        }
        assertFalse(r.out().contains("desktop"), "nothing listed that does not work yet");
    }

    @Test
    void probePrintsTheDocumentedFields() throws Exception {
        Run r = run("probe", TestMedia.get(Variant.H264_2997_DF).toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("mp4", j.get("container").asText());
        assertEquals("30000/1001", j.get("frameRate").asText());
        assertEquals(150, j.get("frameCount").asLong());
        assertFalse(j.get("variableFrameRate").asBoolean());
        assertEquals("01:00:00;00", j.get("startTimecode").asText());
        assertTrue(j.get("dropFrame").asBoolean());
        assertEquals(320, j.get("width").asInt());
        assertEquals(240, j.get("height").asInt());
        assertEquals(0, j.get("rotation").asInt());
        assertEquals("h264", j.get("videoCodec").asText());
        assertEquals(1, j.get("audio").size());
        assertTrue(j.get("subtitles").isArray());
        assertTrue(j.get("durationSeconds").asDouble() > 4.9);
        assertEquals("progressive", j.get("video").get("fieldOrder").asText());
        assertFalse(j.get("video").get("interlaced").asBoolean());
        assertEquals(1, j.get("video").get("videoStreams").asInt());
    }

    @Test
    void probeOfARotatedClipReportsTheDisplayedSize() throws Exception {
        JsonNode j = JSON.readTree(
                run("probe", TestMedia.get(Variant.ROTATED_PHONE).toString()).out());
        assertEquals(90, j.get("rotation").asInt());
        assertEquals(180, j.get("width").asInt());
        assertEquals(320, j.get("height").asInt());
    }

    @Test
    void stillWritesTheExactFrame() {
        Path out = tmp.resolve("f.png");
        Run r = run("still", TestMedia.get(Variant.H264_LONG_GOP).toString(), "--frame", "137", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(137, FrameCode.read(out));
    }

    @Test
    void stillByTimecodeCountsFromTheStartTimecode() {
        Path out = tmp.resolve("tc.jpg");
        // 01:00:01;00 is 30 frames after the 01:00:00;00 start at 29.97 drop-frame.
        Run r = run(
                "still",
                TestMedia.get(Variant.H264_2997_DF).toString(),
                "--frame",
                "01:00:01;00",
                "-o",
                out.toString(),
                "--width",
                "160");
        assertEquals(0, r.exit(), r.err());
        assertEquals(30, FrameCode.read(out));
    }

    @Test
    void severalStillsInOnePass() {
        Path dir = tmp.resolve("many");
        Run r = run("still", TestMedia.get(Variant.MPEG_TS).toString(), "--frame", "99,0,42", "-o", dir.toString());
        assertEquals(0, r.exit(), r.err());
        for (int n : new int[] {0, 42, 99}) {
            assertEquals(n, FrameCode.read(dir.resolve(String.format("frame-%06d.png", n))));
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        Path media = TestMedia.get(Variant.MPEG_TS);
        Run outside = run(
                "still",
                media.toString(),
                "--frame",
                "100",
                "-o",
                tmp.resolve("x.png").toString());
        assertEquals(2, outside.exit());
        assertTrue(outside.err().contains("outside the media"), outside.err());
        assertEquals(1, outside.err().strip().lines().count(), outside.err());

        assertEquals(
                2,
                run("still", media.toString(), "--frame", "abc", "-o", "x.png").exit());
        assertEquals(2, run("still", media.toString()).exit());
        assertEquals(2, run("nonsense").exit());
        assertEquals(
                2,
                run("clip", media.toString(), "--in", "10", "--out", "5", "-o", "x.mp4")
                        .exit());
        assertEquals(
                2,
                run("clip", media.toString(), "--in", "0", "--out", "5", "--mode", "fast", "-o", "x.mp4")
                        .exit());
    }

    @Test
    void serverRefusesTheNetworkWithoutAccounts() {
        Run r = run("server", "--data", tmp.resolve("data").toString(), "--host", "0.0.0.0", "--port", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--allow-insecure-lan"), r.err());
    }

    @Test
    void unreadableMediaExitsThreeNamingTheFile() throws Exception {
        Path text = tmp.resolve("notes.mp4");
        Files.writeString(text, "this is not a video\n".repeat(50));
        Run r = run("probe", text.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("notes.mp4"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Run missing = run("still", tmp.resolve("missing.mov").toString(), "--frame", "0", "-o", "x.png");
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("missing.mov"), missing.err());
    }

    @Test
    void transcodeKeepsEveryFrame() throws Exception {
        Path out = tmp.resolve("proxy.mp4");
        Run r = run("transcode", TestMedia.get(Variant.PRORES_23976).toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(48, FrameMapBuilder.build(out).frameCount());
        assertTrue(JSON.readTree(r.out()).get("needsProxy").asBoolean());
    }

    @Test
    void thumbsWritesPosterSpritesAndWaveform() throws Exception {
        Path dir = tmp.resolve("thumbs");
        Run r = run("thumbs", TestMedia.get(Variant.H264_LONG_GOP).toString(), "-o", dir.toString(), "--tiles", "20");
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {"poster.jpg", "sprites.jpg", "sprites.json", "waveform.json", "waveform.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(
                20,
                JSON.readTree(dir.resolve("sprites.json").toFile())
                        .get("frames")
                        .size());
    }

    @Test
    void clipModesGiveTheAskedFrames() throws Exception {
        Path media = TestMedia.get(Variant.H264_LONG_GOP);
        for (String mode : new String[] {"smart", "reencode"}) {
            Path out = tmp.resolve(mode + ".mp4");
            Run r = run("clip", media.toString(), "--in", "30", "--out", "160", "--mode", mode, "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(130, FrameMapBuilder.build(out).frameCount(), mode);
            assertEquals(130, JSON.readTree(r.out()).get("frameCount").asLong(), mode);
        }
        Path copy = tmp.resolve("copy.mp4");
        Run r = run("clip", media.toString(), "--in", "30", "--out", "160", "--mode", "copy", "-o", copy.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertTrue(j.get("snapped").asBoolean());
        assertEquals(0, j.get("actual").get("in").asLong());
    }

    @Test
    void clipWithATemplateFileAddsItsSlateAndKeepsEveryFrame() throws Exception {
        Path media = TestMedia.get(Variant.H264_LONG_GOP);
        Path template = tmp.resolve("brand.json");
        java.nio.file.Files.writeString(
                template,
                "{\"name\":\"Brand\",\"steps\":[{\"type\":\"slate\",\"frames\":5},"
                        + "{\"type\":\"text\",\"text\":\"{title} {timecode}\",\"position\":\"bottom\"}],"
                        + "\"output\":{\"format\":\"mp4\"}}");
        Path out = tmp.resolve("branded.mp4");
        Run r = run(
                "clip",
                media.toString(),
                "--in",
                "30",
                "--out",
                "60",
                "--template",
                template.toString(),
                "--title",
                "Spot",
                "-o",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(5, j.get("slateFrames").asInt());
        assertEquals(30, j.get("frameCount").asLong());
        assertEquals("reencode", j.get("mode").asText(), "a template re-encodes and says so");
        assertTrue(j.has("fallback"));
        assertEquals(35, FrameMapBuilder.build(out).frameCount());

        java.nio.file.Files.writeString(
                template,
                "{\"name\":\"B\",\"steps\":[{\"type\":\"text\",\"colour\":\"#FFFFFF\"}],\"output\":{\"format\":\"mp4\"}}");
        Run bad = run(
                "clip",
                media.toString(),
                "--in",
                "30",
                "--out",
                "60",
                "--template",
                template.toString(),
                "-o",
                tmp.resolve("bad.mp4").toString());
        assertTrue(bad.exit() != 0);
        assertTrue(bad.err().contains("steps[0].colour is not a known field"), bad.err());
    }
}
