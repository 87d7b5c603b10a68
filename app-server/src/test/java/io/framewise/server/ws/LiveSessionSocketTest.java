package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.live.MediaFacts;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three (and a late fourth) real WebSocket clients against a Javalin app on port 0. */
class LiveSessionSocketTest {

    private static final Map<String, MediaFacts> MEDIA = Map.of(
            "cut-v1", new MediaFacts("cut-v1", "asset-1", 250, FrameRate.FPS_25),
            "cut-v2", new MediaFacts("cut-v2", "asset-1", 240, FrameRate.FPS_25));

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsTestClient> clients = new ArrayList<>();
    private WsGateway gateway;
    private Javalin app;

    @BeforeEach
    void start() {
        gateway = new WsGateway(id -> Optional.ofNullable(MEDIA.get(id)), new ObjectMapper());
        WebSocketEndpoint endpoint = new WebSocketEndpoint(
                gateway, IdentityResolver.displayNameFromQuery(), Duration.ofSeconds(30), Duration.ofSeconds(5));
        app = Javalin.create(endpoint::register).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        app.stop();
    }

    @Test
    void followersGetEveryDriverChangeOnTheSameFrame() throws Exception {
        WsTestClient ann = connect("Ann");
        ann.send("session.create", "media", "cut-v1");
        JsonNode created = ann.await("session.snapshot");
        String session = created.get("session").asText();
        assertEquals(22, session.length());
        assertTrue(created.at("/members/0/driver").asBoolean());

        WsTestClient bob = join("Bob", session);
        WsTestClient cy = join("Cy", session);
        List<WsTestClient> everyone = List.of(ann, bob, cy);
        for (WsTestClient c : everyone) {
            c.await("session.presence", m -> m.get("members").size() == 3);
        }

        ann.send("session.play", "session", session, "frame", 10);
        expectState(everyone, "play", true, 10);
        ann.send("session.pause", "session", session, "frame", 37);
        expectState(everyone, "pause", false, 37);
        ann.send("session.seek", "session", session, "frame", 120);
        expectState(everyone, "seek", false, 120);
        ann.send("session.step", "session", session, "delta", -1);
        expectState(everyone, "step", false, 119);
        ann.send("session.loop", "session", session, "in", 100, "out", 150);
        for (WsTestClient c : everyone) {
            JsonNode loop = expectState(List.of(c), "loop", false, 119);
            assertEquals(100, loop.at("/state/loop/in").asLong());
            assertEquals(150, loop.at("/state/loop/out").asLong());
        }
        ann.send("session.rate", "session", session, "rate", 0.5);
        for (WsTestClient c : everyone) {
            assertEquals(
                    0.5,
                    expectState(List.of(c), "rate", false, 119)
                            .at("/state/rate")
                            .asDouble());
        }

        bob.send("session.seek", "session", session, "frame", 3, "ref", "b1");
        JsonNode refused = bob.await("error");
        assertEquals("not_driver", refused.get("code").asText());
        assertEquals("b1", refused.get("ref").asText());
        ann.send("session.seek", "session", session, "frame", 251);
        assertEquals("invalid_frame", ann.await("error").get("code").asText());

        cy.send("session.laser", "session", session, "x", 0.25, "y", 0.5, "frame", 119);
        for (WsTestClient c : everyone) {
            JsonNode laser = c.await("session.laser");
            assertEquals(119, laser.get("frame").asLong());
            assertEquals(0.25, laser.get("x").asDouble());
        }

        // A late joiner gets the whole state as its first message after the greeting.
        WsTestClient dan = connect("Dan");
        dan.await("welcome");
        dan.send("session.join", "session", session);
        JsonNode snapshot = dan.next();
        assertEquals("session.snapshot", snapshot.get("type").asText());
        assertEquals(119, snapshot.at("/state/frame").asLong());
        assertEquals(100, snapshot.at("/state/loop/in").asLong());
        assertEquals(0.5, snapshot.at("/state/rate").asDouble());
        assertEquals(4, snapshot.get("members").size());
        assertEquals(1, snapshot.get("lasers").size());
        assertEquals(250, snapshot.at("/state/frameCount").asLong());

        // Hand-over: Bob asks, Ann (the driver) grants.
        bob.send("session.driver.request", "session", session);
        JsonNode asked = ann.await("session.driver.requested");
        assertEquals("Bob", asked.get("name").asText());
        ann.send(
                "session.driver.answer",
                "session",
                session,
                "member",
                asked.get("member").asText(),
                "grant",
                true);
        for (WsTestClient c : List.of(ann, bob, cy, dan)) {
            c.await("session.presence", m -> driverName(m).equals("Bob"));
        }
        bob.send("session.seek", "session", session, "frame", 5);
        expectState(List.of(ann, bob, cy, dan), "seek", false, 5);
        ann.send("session.play", "session", session);
        assertEquals("not_driver", ann.await("error").get("code").asText());

        // Cy leaves cleanly, Bob (driving) vanishes: Ann, present longest, drives again.
        cy.close();
        ann.await("session.presence", m -> m.get("members").size() == 3 && !names(m).contains("Cy"));
        bob.abort();
        JsonNode after = ann.await("session.presence", m -> !names(m).contains("Bob"));
        assertEquals(List.of("Ann", "Dan"), names(after));
        assertEquals("Ann", driverName(after));
        dan.await("session.presence", m -> m.get("members").size() == 2);
        ann.send("session.seek", "session", session, "frame", 77);
        expectState(List.of(ann, dan), "seek", false, 77);
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysOpen() throws Exception {
        WsTestClient eve = connect("Eve");
        eve.sendRaw("this is not json");
        assertEquals("bad_json", eve.await("error").get("code").asText());
        eve.sendRaw("{\"v\":1,\"type\":\"session.teleport\",\"ref\":\"t\"}");
        JsonNode unknown = eve.await("error");
        assertEquals("unknown_type", unknown.get("code").asText());
        assertEquals("t", unknown.get("ref").asText());
        eve.sendRaw("{\"v\":1,\"type\":\"session.seek\",\"session\":\"x\",\"frame\":\"ten\"}");
        assertEquals("bad_field", eve.await("error").get("code").asText());
        eve.sendRaw("{\"v\":1,\"type\":\"ping\",\"ref\":\"" + "x".repeat(100_000) + "\"}");
        assertEquals("too_large", eve.await("error").get("code").asText());
        eve.sendBinary(new byte[] {1, 2, 3});
        assertEquals("binary_unsupported", eve.await("error").get("code").asText());
        eve.send("session.join", "session", "no-such-session");
        assertEquals("unknown_session", eve.await("error").get("code").asText());

        eve.send("ping");
        eve.await("pong");
        assertTrue(eve.isOpen());
        assertEquals(1, gateway.connectionCount());
    }

    @Test
    void aClientThatKeepsSendingGarbageIsClosed() throws Exception {
        WsTestClient mallory = connect("Mallory");
        for (int i = 0; i < WsGateway.MAX_CONSECUTIVE_ERRORS; i++) {
            mallory.sendRaw("{");
        }
        String close = mallory.closed().get(WsTestClient.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(close.startsWith("1008 too many invalid messages"), close);
    }

    @Test
    void libraryAndNoteEventsReachTheirSubscribersWithPresence() throws Exception {
        WsTestClient all = connect("Producer");
        WsTestClient one = connect("Editor");
        all.send("subscribe", "scope", "library");
        all.await("subscribed");
        one.send("subscribe", "scope", "media", "id", "m1");
        one.await("subscribed");
        JsonNode presence = one.await("presence");
        assertEquals("Editor", presence.at("/viewers/0/name").asText());

        gateway.events().publish(LibraryEvent.added("m2", null, "b-roll.mov"));
        gateway.events().publish(LibraryEvent.progress("m1", "a1", "proxy", 0.5));
        gateway.events().publish(LibraryEvent.failed("m1", "a1", "no video stream"));
        gateway.events().publish(new NoteEvent(NoteEvent.Kind.CREATED, "n1", "m1", "a1", Map.of("frame", 12)));

        assertEquals("m2", all.await("library.event").get("media").asText());
        assertEquals(0.5, all.await("library.event").get("progress").asDouble());
        // The media subscriber's first event is about m1: the m2 event never reached it.
        JsonNode progress = one.await("library.event");
        assertEquals("progress", progress.get("kind").asText());
        JsonNode failed = one.await("library.event");
        assertEquals("failed", failed.get("kind").asText());
        assertEquals("no video stream", failed.get("reason").asText());
        assertEquals(12, one.await("note.event").at("/data/frame").asInt());
        assertEquals(
                "n1",
                all.await("note.event", m -> m.get("kind").asText().equals("created"))
                        .get("note")
                        .asText());
    }

    @Test
    void aNameWithControlCharactersIsRefused() throws Exception {
        WsTestClient bad = connect("bad\u0007name");
        String close = bad.closed().get(WsTestClient.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("1008 name must not contain control characters", close);
    }

    private JsonNode expectState(List<WsTestClient> members, String cause, boolean playing, long frame)
            throws InterruptedException {
        JsonNode last = null;
        for (WsTestClient c : members) {
            last = c.await("session.state", m -> m.get("cause").asText().equals(cause));
            assertEquals(playing, last.at("/state/playing").asBoolean(), c.name + " " + cause);
            assertEquals(frame, last.at("/state/frame").asLong(), c.name + " " + cause);
        }
        return last;
    }

    private WsTestClient connect(String name) throws Exception {
        WsTestClient client = new WsTestClient(http, app.port(), name);
        clients.add(client);
        return client;
    }

    private WsTestClient join(String name, String session) throws Exception {
        WsTestClient client = connect(name);
        client.await("welcome");
        client.send("session.join", "session", session);
        assertEquals(session, client.await("session.snapshot").get("session").asText());
        return client;
    }

    private static List<String> names(JsonNode presence) {
        List<String> names = new ArrayList<>();
        presence.get("members").forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    private static String driverName(JsonNode presence) {
        for (JsonNode m : presence.get("members")) {
            if (m.get("driver").asBoolean()) {
                return m.get("name").asText();
            }
        }
        return "";
    }
}
