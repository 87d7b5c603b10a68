package io.framewise.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.ws.WsTestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session on three nodes of one PostgreSQL database: started and driven through node A,
 * followed on B and C; a late joiner on C gets the snapshot; the driver's rules hold across nodes.
 */
class ClusterLiveSessionsTest {

    @TempDir
    Path data;

    private Nodes nodes;
    private String media;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void threeNodes() {
        nodes = new Nodes(data, 3);
        nodes.person("ann");
        nodes.person("outsider");
        media = nodes.readyMedia("ann", 250);
    }

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        nodes.close();
    }

    private WsTestClient connect(int node, String who) throws Exception {
        WsTestClient c = new WsTestClient(Nodes.HTTP, nodes.node(node).port(), who, nodes.bearer(who));
        clients.add(c);
        c.await("welcome");
        return c;
    }

    private static JsonNode expectState(WsTestClient c, String cause, boolean playing, long frame)
            throws InterruptedException {
        JsonNode m = c.await("session.state", s -> cause.equals(s.path("cause").asText()));
        assertEquals(playing, m.at("/state/playing").asBoolean(), m.toString());
        assertEquals(frame, m.at("/state/frame").asLong(), m.toString());
        return m;
    }

    @Test
    void aSessionDrivenOnOneNodeIsFollowedOnTheOthersAndALateJoinerGetsItsSnapshot() throws Exception {
        WsTestClient driver = connect(0, "ann");
        driver.send("session.create", "media", media);
        JsonNode created = driver.await("session.snapshot");
        String session = created.get("session").asText();
        assertTrue(created.at("/members/0/driver").asBoolean());

        WsTestClient onB = connect(1, "ann");
        onB.send("session.join", "session", session);
        JsonNode bSnapshot = onB.await("session.snapshot");
        assertEquals(media, bSnapshot.at("/state/media").asText());
        WsTestClient onC = connect(2, "ann");
        onC.send("session.join", "session", session);
        onC.await("session.snapshot");
        List<WsTestClient> everyone = List.of(driver, onB, onC);
        for (WsTestClient c : everyone) {
            c.await("session.presence", m -> m.get("members").size() == 3);
        }

        driver.send("session.play", "session", session, "frame", 10);
        for (WsTestClient c : everyone) {
            expectState(c, "play", true, 10);
        }
        driver.send("session.pause", "session", session, "frame", 37);
        for (WsTestClient c : everyone) {
            expectState(c, "pause", false, 37);
        }
        driver.send("session.seek", "session", session, "frame", 120);
        for (WsTestClient c : everyone) {
            expectState(c, "seek", false, 120);
        }

        // Only the driver drives, whichever node a follower is on.
        onB.send("session.seek", "session", session, "frame", 5);
        assertEquals("not_driver", onB.await("error").get("code").asText());

        // A late joiner on C: the snapshot comes from the database.
        WsTestClient late = connect(2, "ann");
        late.send("session.join", "session", session);
        JsonNode snapshot = late.await("session.snapshot");
        assertEquals(120, snapshot.at("/state/frame").asLong(), snapshot.toString());
        assertFalse(snapshot.at("/state/playing").asBoolean());
        assertEquals(4, snapshot.get("members").size());
        assertTrue(snapshot.at("/members/0/driver").asBoolean(), "the creator still drives");

        // Someone who may not see the media cannot tell the session exists, on any node.
        WsTestClient outsider = connect(1, "outsider");
        outsider.send("session.join", "session", session);
        assertEquals("unknown_session", outsider.await("error").get("code").asText());

        // The driver's connection drops: the member present longest on another node drives next.
        driver.close();
        JsonNode handed = onB.await(
                "session.presence",
                m -> m.get("members").size() == 3 && m.at("/members/0/driver").asBoolean());
        assertEquals(bSnapshot.get("you").asText(), handed.at("/members/0/id").asText());
        onB.send("session.seek", "session", session, "frame", 200);
        for (WsTestClient c : List.of(onB, onC, late)) {
            expectState(c, "seek", false, 200);
        }
    }
}
