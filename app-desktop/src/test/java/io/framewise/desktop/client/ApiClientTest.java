package io.framewise.desktop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.desktop.client.ApiModels.FrameMapInfo;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.FrameCode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The client against a real server: media, frame map, stills, library, approval, events, errors. */
class ApiClientTest {

    private final ReviewServer s = ReviewServer.get();

    @Test
    void readsMediaFrameMapStillsAndTheLibrary() {
        assertEquals("none", s.api.authMode());
        assertEquals("30000/1001", s.v1.frameRate());
        assertEquals(Boolean.TRUE, s.v1.dropFrame());
        FrameMapInfo map = s.api.frameMap(s.v1.id());
        assertEquals(150, map.frameCount());
        assertTrue(map.keyframes().length > 0 && map.keyframes()[0] == 0);
        assertEquals(
                77, FrameCode.read(s.api.still(s.v1.id(), 77, 0)), "the server's still of frame 77 shows frame 77");
        assertTrue(s.api.projects().stream().anyMatch(p -> p.id().equals(s.asset.projectId())));
        assertEquals(2, s.api.asset(s.asset.id()).versions().size());
    }

    @Test
    void readsTheAudioEnvelopeForTheTimeline() {
        io.framewise.desktop.client.Waveform wave = s.api.waveform(s.v1.id());
        assertTrue(wave.length() > 10, "buckets " + wave.length());
        assertEquals(s.v1.durationSeconds(), wave.durationSeconds(), 0.25, "the envelope covers the clip");
        double[] all = wave.extremes(0, wave.durationSeconds());
        assertTrue(all[1] > 0.01 && all[0] < -0.01, "the test tone is audible: " + all[0] + ".." + all[1]);
        double[] after = wave.extremes(wave.durationSeconds() + 1, wave.durationSeconds() + 2);
        assertEquals(0, after[1], "nothing after the audio ends");
    }

    @Test
    void refusalsCarryTheServersWords() {
        ApiError e = assertThrows(ApiError.class, () -> s.api.still(s.v1.id(), 5000, 0));
        assertTrue(e.status() == 400 || e.status() == 422, "status " + e.status());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        ApiError missing = assertThrows(ApiError.class, () -> s.api.media("nope"));
        assertEquals(404, missing.status());
        ApiError down =
                assertThrows(ApiError.class, () -> new ApiClient(URI.create("http://127.0.0.1:1/"), null).media());
        assertEquals(0, down.status());
        assertTrue(down.getMessage().startsWith("Cannot reach"), down.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ApiClient(URI.create("ftp://x/"), null));
    }

    @Test
    void hearsNoteEventsOverTheWebSocketAndApproves() throws Exception {
        ConcurrentLinkedQueue<JsonNode> heard = new ConcurrentLinkedQueue<>();
        try (EventStream events = s.api.openEvents(heard::add)) {
            events.subscribeMedia(s.v2.id());
            Await.until("the subscription to be confirmed", Duration.ofSeconds(10), () -> heard.stream()
                    .anyMatch(m -> m.path("type").asText().equals("subscribed")));
            var note = s.api.createNote(
                    s.v2.id(),
                    ApiClient.JSON.createObjectNode().put("text", "Event check").put("frame", 5));
            Await.until("the note event", Duration.ofSeconds(10), () -> heard.stream()
                    .anyMatch(m -> note.id().equals(m.path("note").asText())));
            s.api.deleteNote(note.id());
        }
        JsonNode approved = s.api.approve(s.asset.id(), 2, "changes_requested");
        assertNotNull(approved);
        assertEquals(
                "changes_requested",
                s.api.asset(s.asset.id()).versions().get(1).approval().status());
        s.api.approve(s.asset.id(), 2, "needs_review");
    }
}
