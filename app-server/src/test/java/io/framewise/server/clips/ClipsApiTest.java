package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.clips.ClipsServer.Answer;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips through the assembled server on generated media that carries its frame index in every
 * picture: frame k of a clip must show frame in+k of its source (copy mode: actualIn+k, where it
 * snapped to), checked on the clip's own frame-exact stills after the clip went through the ordinary
 * pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipsApiTest {

    private ClipsServer server;
    private final Map<Variant, String> sources = new HashMap<>();

    @BeforeAll
    void start(@TempDir Path data) {
        server = new ClipsServer(data);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String source(Variant variant) throws Exception {
        String id = sources.get(variant);
        if (id == null) {
            id = server.readySource(variant, "Shot " + variant.name());
            sources.put(variant, id);
        }
        return id;
    }

    /** Waits for the clip to be ready and checks its frames show the source's [actualIn, actualOut). */
    private JsonNode assertClipShows(String clipId, Variant variant, long actualIn, long actualOut) throws Exception {
        JsonNode clip = server.awaitStatus(clipId, "ready");
        assertEquals(actualIn, clip.at("/clipOf/actualIn").asLong(), clip::toString);
        assertEquals(actualOut, clip.at("/clipOf/actualOut").asLong(), clip::toString);
        long frames = actualOut - actualIn;
        assertEquals(frames, clip.path("frameCount").asLong(), clip::toString);
        for (long k : new long[] {0, 1, frames / 2, frames - 2, frames - 1}) {
            assertEquals(
                    variant.expectedCode(actualIn + k),
                    server.frameCode(clipId, k),
                    "frame " + k + " of the clip shows source frame " + (actualIn + k));
        }
        return clip;
    }

    @Test
    void everyModeOfABFramesSourceShowsTheFramesAskedAndCopySaysWhereItSnapped() throws Exception {
        String source = source(Variant.H264_LONG_GOP);
        JsonNode smart = server.clip(source, Map.of("in", 30, "out", 80, "mode", "smart"));
        JsonNode reencode = server.clip(source, Map.of("in", 30, "out", 80, "mode", "reencode"));
        JsonNode copy = server.clip(source, Map.of("in", 30, "out", 200, "mode", "copy"));
        for (JsonNode started : List.of(smart, reencode, copy)) {
            assertTrue(started.path("jobId").isTextual(), started::toString);
            assertTrue(started.path("assetId").isTextual(), started::toString);
            Job job = server.jobs.get(started.path("jobId").asText()).orElseThrow();
            assertEquals(JobKind.CLIP, job.kind());
            assertEquals(started.path("id").asText(), job.mediaId());
        }

        JsonNode s = assertClipShows(smart.path("id").asText(), Variant.H264_LONG_GOP, 30, 80);
        assertEquals(source, s.at("/clipOf/mediaId").asText());
        assertEquals(30, s.at("/clipOf/in").asLong());
        assertEquals(80, s.at("/clipOf/out").asLong());
        assertFalse(s.at("/clipOf/snapped").asBoolean());
        assertTrue(s.at("/clipOf/templateId").isNull());
        assertClipShows(reencode.path("id").asText(), Variant.H264_LONG_GOP, 30, 80);
        // GOP 125: a stream copy of [30, 200) can only hold [0, 250).
        JsonNode c = assertClipShows(copy.path("id").asText(), Variant.H264_LONG_GOP, 0, 250);
        assertEquals("copy", c.at("/clipOf/mode").asText());
        assertTrue(c.at("/clipOf/snapped").asBoolean(), c::toString);
        assertEquals(30, c.at("/clipOf/in").asLong());
        assertEquals(200, c.at("/clipOf/out").asLong());

        // Filed next to the source, in its project, as a new asset titled after the source's range.
        JsonNode asset = server.json("/api/assets/" + smart.path("assetId").asText());
        assertEquals(
                "Shot H264_LONG_GOP (00:00:01:05-00:00:03:05)",
                asset.path("title").asText());
        JsonNode sourceAsset = server.json("/api/media/" + source);
        assertTrue(sourceAsset.path("clipOf").isNull(), "the source is no clip");
        // The clip went through the pipeline like an upload: thumbnails and a frame map of its own.
        assertEquals(
                200,
                server.call("GET", "/api/media/" + smart.path("id").asText() + "/framemap", null)
                        .status());
        // Progress reached the events, stage "clip", and the clip's ready too.
        String smartId = smart.path("id").asText();
        assertTrue(server.events.stream().anyMatch(e -> e.mediaId().equals(smartId) && "clip".equals(e.stage())));
        assertTrue(server.events.stream()
                .anyMatch(
                        e -> e.mediaId().equals(smartId) && e.kind().wireName().equals("ready")));
    }

    @Test
    void aDropFrameSourceWithAStartTimecodeTakesTimecodesAndNamesTheDownloadAfterThem() throws Exception {
        String source = source(Variant.H264_2997_DF);
        // The source starts at 01:00:00;00 at 30000/1001 with drop frame: frames 30 and 90.
        JsonNode started = server.clip(
                source, Map.of("in", "01:00:01;00", "out", "01:00:03;00", "mode", "smart", "title", "Client cut"));
        String clipId = started.path("id").asText();
        JsonNode clip = assertClipShows(clipId, Variant.H264_2997_DF, 30, 90);
        assertEquals(30, clip.at("/clipOf/in").asLong());
        assertEquals(90, clip.at("/clipOf/out").asLong());

        Answer whole = server.call("GET", "/api/media/" + clipId + "/download", null);
        assertEquals(200, whole.status());
        String disposition =
                whole.raw().headers().firstValue("Content-Disposition").orElseThrow();
        assertEquals(
                "attachment; filename=\"Client cut_01-00-01-00-01-00-03-00.mp4\";"
                        + " filename*=UTF-8''Client%20cut_01-00-01-00-01-00-03-00.mp4",
                disposition);
        Path stored = server.feature.files().file(clipId, "original.mp4");
        assertArrayEquals(Files.readAllBytes(stored), whole.raw().body());
        assertEquals(Files.size(stored), clip.path("sizeBytes").asLong());

        Answer part = server.call("GET", "/api/media/" + clipId + "/download", null, "Range", "bytes=100-199");
        assertEquals(206, part.status());
        assertArrayEquals(
                Arrays.copyOfRange(whole.raw().body(), 100, 200), part.raw().body());
        assertEquals(
                disposition,
                part.raw().headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(
                416,
                server.call("GET", "/api/media/" + clipId + "/download", null, "Range", "bytes=999999999-")
                        .status());

        // Media that is not a clip downloads under its original name.
        Answer original = server.call("GET", "/api/media/" + source + "/download", null, "Range", "bytes=0-9");
        assertEquals(206, original.status());
        assertEquals(
                "attachment; filename=\"h264-2997-df.mp4\"; filename*=UTF-8''h264-2997-df.mp4",
                original.raw().headers().firstValue("Content-Disposition").orElseThrow());
        assertArrayEquals(
                Arrays.copyOf(Files.readAllBytes(TestMedia.get(Variant.H264_2997_DF)), 10),
                original.raw().body());
    }

    @Test
    void aVariableFrameRateSourceIsCutFrameExactAcrossTheRateChange() throws Exception {
        String source = source(Variant.VFR);
        // 50 frames at 25 fps, then 100 at 50 fps: [40, 70) spans the change.
        JsonNode started = server.clip(source, Map.of("in", 40, "out", 70, "mode", "reencode"));
        assertClipShows(started.path("id").asText(), Variant.VFR, 40, 70);
        JsonNode smart = server.clip(source, Map.of("in", 45, "out", 120, "mode", "smart"));
        assertClipShows(smart.path("id").asText(), Variant.VFR, 45, 120);
    }

    @Test
    void aClipCanBeTheNextVersionOfAnAsset() throws Exception {
        String source = source(Variant.H264_2997_DF);
        String asset = assetOf(source);
        JsonNode started = server.clip(source, Map.of("in", 0, "out", 15, "mode", "reencode", "asVersionOf", asset));
        assertEquals(asset, started.path("assetId").asText());
        assertClipShows(started.path("id").asText(), Variant.H264_2997_DF, 0, 15);
        JsonNode versions = server.json("/api/assets/" + asset).path("versions");
        assertEquals(
                started.path("id").asText(),
                versions.get(versions.size() - 1).path("mediaId").asText(),
                versions::toString);
        assertEquals(source, versions.get(0).path("mediaId").asText(), "the source stays version 1");
    }

    private String assetOf(String mediaId) throws Exception {
        for (JsonNode project : server.json("/api/projects")) {
            for (JsonNode asset :
                    server.json("/api/projects/" + project.path("id").asText() + "/assets")) {
                for (JsonNode v : asset.path("versions")) {
                    if (v.path("mediaId").asText().equals(mediaId)) {
                        return asset.path("id").asText();
                    }
                }
            }
        }
        throw new AssertionError("media " + mediaId + " is in no asset");
    }

    @Test
    void notesInTheRangeAreCopiedRetimedWithTheirRepliesAndAuthors() throws Exception {
        String source = source(Variant.H264_LONG_GOP);
        String drawing = "{\"schema\":1,\"shapes\":[{\"type\":\"line\",\"color\":\"#00aaff\",\"width\":0.02,"
                + "\"points\":[[0,0],[1,1]]}]}";
        note(source, "{\"text\":\"before the clip\",\"frame\":10}");
        String inside = note(source, "{\"text\":\"flare\",\"frame\":105,\"drawing\":" + drawing + "}");
        String overlapping = note(source, "{\"text\":\"too dark\",\"frame\":90,\"frameOut\":110}");
        note(source, "{\"text\":\"agreed\",\"parentId\":\"" + inside + "\"}");
        assertEquals(
                200,
                server.call("PATCH", "/api/comments/" + overlapping, "{\"resolved\":true}")
                        .status());
        note(source, "{\"text\":\"after\",\"frame\":200}");

        JsonNode started = server.clip(source, Map.of("in", 100, "out", 150, "mode", "smart", "copyNotes", true));
        String clipId = started.path("id").asText();
        server.awaitStatus(clipId, "ready");
        JsonNode items = server.json("/api/media/" + clipId + "/comments").path("items");
        assertEquals(3, items.size(), items::toString);
        JsonNode dark = find(items, "too dark");
        assertEquals(0, dark.path("frame").asLong(), "90..110 clipped to 100..110, then moved by -100");
        assertEquals(10, dark.path("frameOut").asLong());
        assertTrue(dark.path("resolved").asBoolean(), "a resolved thread stays resolved");
        JsonNode flare = find(items, "flare");
        assertEquals(5, flare.path("frame").asLong());
        assertTrue(flare.path("frameOut").isNull());
        assertEquals("line", flare.at("/drawing/shapes/0/type").asText());
        JsonNode agreed = find(items, "agreed");
        assertEquals(flare.path("id").asText(), agreed.path("parentId").asText());
        assertEquals(5, agreed.path("frame").asLong());
        JsonNode originalFlare =
                find(server.json("/api/media/" + source + "/comments").path("items"), "flare");
        assertEquals(
                originalFlare.path("authorId").asText(), flare.path("authorId").asText());
        // The source's notes are as they were.
        assertEquals(
                5,
                server.json("/api/media/" + source + "/comments").path("items").size());
        // The copy is audited.
        assertTrue(server.db.read(ctx -> ctx.fetchCount(
                        io.framewise.server.db.generated.Tables.AUDIT_LOG,
                        io.framewise.server.db.generated.Tables.AUDIT_LOG.ACTION.eq("clip.notes_copied")))
                > 0);
    }

    private String note(String mediaId, String json) throws Exception {
        Answer a = server.call("POST", "/api/media/" + mediaId + "/comments", json);
        assertEquals(201, a.status(), () -> String.valueOf(a.body()));
        return a.body().path("id").asText();
    }

    private static JsonNode find(JsonNode items, String text) {
        for (JsonNode n : items) {
            if (n.path("text").asText().equals(text)) {
                return n;
            }
        }
        throw new AssertionError("no note '" + text + "' in " + items);
    }

    @Test
    void aClipJobThatFailsEndsTheClipFailedWithTheReasonAndLeavesTheSourceAsItWas() throws Exception {
        String real = source(Variant.H264_LONG_GOP);
        // A source whose stored file is not media (damaged after it was processed).
        String junk = io.framewise.server.db.Ids.newId();
        Path junkFile = server.feature.files().file(junk, "original.mp4");
        Files.createDirectories(junkFile.getParent());
        byte[] junkBytes = "not a video at all, only words".repeat(1000).getBytes();
        Files.write(junkFile, junkBytes);
        var realItem = server.media.get(real).orElseThrow();
        server.media.create(new io.framewise.server.media.NewMediaItem(
                junk, "damaged.mp4", server.feature.files().relative(junkFile), junkBytes.length, null, null));
        server.media.setProbe(junk, realItem.probe());
        server.media.setFrameMapPath(junk, realItem.frameMapPath());
        server.media.markReady(junk);
        Answer filed = server.call(
                "POST",
                "/api/assets",
                ClipsServer.JSON.writeValueAsString(Map.of("title", "Damaged", "mediaId", junk)));
        assertEquals(201, filed.status(), () -> String.valueOf(filed.body()));
        JsonNode sourceBefore = server.json("/api/media/" + junk);

        JsonNode started = server.clip(junk, Map.of("in", 10, "out", 20, "mode", "reencode"));
        JsonNode clip = server.awaitStatus(started.path("id").asText(), "failed");
        assertTrue(clip.path("error").asText().contains("not readable media"), clip::toString);
        // A file that is not media fails at once, without retries: the job is over, not queued again.
        JobState job =
                server.jobs.get(started.path("jobId").asText()).orElseThrow().state();
        assertTrue(job == JobState.DONE || job == JobState.FAILED, job::toString);
        assertTrue(
                server.jobs.listByMedia(started.path("id").asText()).stream().noneMatch(j -> j.kind() == JobKind.PROBE),
                "nothing was handed to the pipeline");

        JsonNode sourceAfter = server.json("/api/media/" + junk);
        assertEquals("ready", sourceAfter.path("status").asText());
        assertEquals(sourceBefore, sourceAfter);
        assertArrayEquals(junkBytes, Files.readAllBytes(junkFile));
        assertEquals("ready", server.json("/api/media/" + real).path("status").asText());
    }
}
