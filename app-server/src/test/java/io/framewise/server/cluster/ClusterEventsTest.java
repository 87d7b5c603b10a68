package io.framewise.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.DirectSql;
import io.framewise.server.ws.WsTestClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one PostgreSQL database: a change made through one node reaches the WebSocket
 * subscribers of the others, once, and only those who may see it.
 */
class ClusterEventsTest {

    @TempDir
    Path data;

    private Nodes nodes;
    private String media;
    private String outsidersMedia;

    @BeforeEach
    void threeNodes() {
        nodes = new Nodes(data, 3);
        nodes.person("editor");
        nodes.person("outsider");
        media = nodes.readyMedia("editor", 100);
        outsidersMedia = nodes.readyMedia("outsider", 100);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    private WsTestClient client(int node, String who) throws Exception {
        WsTestClient c = new WsTestClient(Nodes.HTTP, nodes.node(node).port(), who, nodes.bearer(who));
        c.await("welcome");
        c.send("subscribe", "scope", "library");
        c.await("subscribed");
        return c;
    }

    private static JsonNode awaitNote(WsTestClient c, String noteId) throws InterruptedException {
        return c.await("note.event", m -> noteId.equals(m.path("note").asText()));
    }

    @Test
    void aNoteMadeOnOneNodeReachesSubscribersOnTheOthersOnceAndOnlyThoseWhoMaySeeIt() throws Exception {
        try (WsTestClient onA = client(0, "editor");
                WsTestClient onB = client(1, "editor");
                WsTestClient outsiderOnB = client(1, "outsider");
                WsTestClient onC = client(2, "editor")) {
            String first = nodes.note(0, "editor", media, "the grade jumps here");
            JsonNode heard = awaitNote(onB, first);
            assertEquals("created", heard.path("kind").asText());
            assertEquals(media, heard.path("media").asText());
            assertEquals("the grade jumps here", heard.path("data").path("text").asText(), heard.toString());
            awaitNote(onA, first);
            awaitNote(onC, first);

            // Node A's messages arrive in order, so a second copy of the first would come before this.
            String second = nodes.note(0, "editor", media, "and here");
            for (WsTestClient c : List.of(onA, onB, onC)) {
                awaitNote(c, second);
                assertTrue(
                        c.skipped("note.event").stream()
                                .noneMatch(m -> first.equals(m.path("note").asText())),
                        "the first note was heard twice");
            }

            // The outsider hears a note on their own item, sent after the editor's, and none of those.
            String theirs = nodes.note(0, "outsider", outsidersMedia, "mine");
            awaitNote(outsiderOnB, theirs);
            assertTrue(
                    outsiderOnB.skipped("note.event").isEmpty(),
                    "the outsider heard of notes on media they may not see");
            // And the editor never hears of the outsider's note: the next editor note comes first.
            String third = nodes.note(2, "editor", media, "from C");
            awaitNote(onB, third);
            awaitNote(onA, third);
            for (WsTestClient c : List.of(onA, onB)) {
                assertTrue(
                        c.skipped("note.event").stream()
                                .noneMatch(m -> theirs.equals(m.path("note").asText())),
                        "the editor heard of the outsider's note");
            }
        }
    }

    @Test
    void aNoteTooLargeForNotifyStillArrives() throws Exception {
        try (WsTestClient onB = client(1, "editor")) {
            // 9000 characters, more than NOTIFY carries (the server trims the last space).
            String text = "frame-accurate ".repeat(600).strip();
            String id = nodes.note(0, "editor", media, text);
            JsonNode heard = awaitNote(onB, id);
            String got = heard.path("data").path("text").asText();
            assertEquals(text.length(), got.length(), "the whole text arrived");
            assertTrue(text.equals(got), "the same text arrived");
            try (Connection c = DirectSql.connect(nodes.database);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM cluster_messages WHERE topic = 'hub'")) {
                r.next();
                assertEquals(1, r.getInt(1), "the large message went through the table");
            }
        }
    }

    @Test
    void aNodeThatLostItsListeningConnectionTellsClientsToResyncAndHearsAgain() throws Exception {
        WsTestClient before = client(1, "editor");
        try (Connection c = DirectSql.connect(nodes.database);
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name LIKE 'framewise-bus-listen-%'");
        }
        String closed = before.closed().get(30, TimeUnit.SECONDS);
        assertTrue(closed.startsWith("1012"), closed);
        try (WsTestClient after = client(1, "editor")) {
            String id = nodes.note(0, "editor", media, "after the gap");
            awaitNote(after, id);
        }
    }
}
