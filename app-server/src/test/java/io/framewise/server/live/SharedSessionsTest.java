package io.framewise.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRate;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.MutableClock;
import io.framewise.server.live.SessionEvent.Presence;
import io.framewise.server.live.SessionEvent.Snapshot;
import io.framewise.server.live.SessionEvent.StateChanged;
import io.framewise.server.testing.PostgresPerDataFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live sessions kept in one PostgreSQL database by two nodes (two {@link Database}s, as two server
 * processes have): changes from both take turns on the row, and a node that stops beating loses its
 * members with the rules of a member who left.
 */
class SharedSessionsTest {

    private static final MediaFacts CUT = new MediaFacts("cut-v1", "asset-1", 250, FrameRate.FPS_25);
    private static final Principal.Person ANN = person("ann");
    private static final Principal.Person OZ = person("oz");

    /** What a node delivered: the event and to whom. */
    private record Told(SessionEvent event, List<String> to) {}

    private final MutableClock clock = new MutableClock();
    private final List<Database> databases = new ArrayList<>();
    private final List<Told> toldByA = new CopyOnWriteArrayList<>();
    private final List<Told> toldByB = new CopyOnWriteArrayList<>();
    private SharedSessions a;
    private SharedSessions b;

    @BeforeEach
    void twoNodes() {
        DatabaseLocation.Postgres shared = PostgresPerDataFolder.cluster().newDatabase("live");
        a = node(shared, "node-a", toldByA);
        b = node(shared, "node-b", toldByB);
    }

    private SharedSessions node(DatabaseLocation.Postgres location, String nodeId, List<Told> told) {
        Database db = Database.open(location, clock);
        databases.add(db);
        LiveAccess access = (principal, action, resource) ->
                principal == OZ ? Decision.hidden("no such media") : Decision.allow("member");
        return new SharedSessions(
                new JooqLiveSessionStore(db),
                id -> Optional.ofNullable(Map.of(CUT.mediaId(), CUT).get(id)),
                access,
                (event, members) -> told.add(new Told(event, List.copyOf(members))),
                clock,
                nodeId);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    @Test
    void aNodeThatStopsBeatingLosesItsMembersAndTheDriverMovesToAnotherNode() {
        a.beat();
        b.beat();
        String session = a.create(member("c1"), CUT.mediaId());
        b.join(member("c2"), session);
        Snapshot joined = snapshotFor(toldByB, "c2");
        assertEquals(2, joined.members().size());
        a.drive(member("c1"), session, s -> s.play("c1", 10L));
        assertTrue(toldByA.stream()
                .anyMatch(t -> t.event() instanceof StateChanged c && c.state().playing()));

        // Node A goes silent; B beats on past the timeout.
        clock.advance(Duration.ofMillis(SharedSessions.NODE_TIMEOUT_MILLIS + 1_000));
        toldByB.clear();
        b.beat();
        Presence presence = toldByB.stream()
                .map(Told::event)
                .filter(e -> e instanceof Presence)
                .map(e -> (Presence) e)
                .reduce((first, second) -> second)
                .orElseThrow();
        assertEquals(1, presence.members().size());
        assertEquals("c2", presence.members().get(0).id());
        assertTrue(presence.members().get(0).driver(), "the member left on a live node drives");
        StateChanged paused = toldByB.stream()
                .map(Told::event)
                .filter(e -> e instanceof StateChanged)
                .map(e -> (StateChanged) e)
                .findFirst()
                .orElseThrow();
        assertEquals("driver-left", paused.cause());
        assertFalse(paused.state().playing());

        b.join(member("c3"), session);
        Snapshot late = snapshotFor(toldByB, "c3");
        assertEquals(
                List.of("c2", "c3"), late.members().stream().map(m -> m.id()).toList());
        assertFalse(late.state().playing());
    }

    @Test
    void changesFromTwoNodesAtOnceAreAllKept() throws Exception {
        String session = a.create(member("c1"), CUT.mediaId());
        b.join(member("c2"), session);
        int parts = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> drawing = new ArrayList<>();
        for (String[] who : new String[][] {{"c1", "A"}, {"c2", "B"}}) {
            SharedSessions node = who[1].equals("A") ? a : b;
            drawing.add(pool.submit(() -> {
                for (int i = 0; i < parts; i++) {
                    node.drive(
                            member(who[0]),
                            session,
                            s -> s.stroke(
                                    who[0],
                                    "line",
                                    5,
                                    "#ff0000",
                                    0.01,
                                    List.of(new SessionEvent.Point(0.1, 0.1), new SessionEvent.Point(0.2, 0.2)),
                                    false));
                }
                return null;
            }));
        }
        for (Future<?> f : drawing) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        b.join(member("c3"), session);
        Snapshot snapshot = snapshotFor(toldByB, "c3");
        assertEquals(2, snapshot.strokes().size());
        snapshot.strokes().forEach(s -> assertEquals(2 * parts, s.points().size(), s.memberId() + " lost points"));
    }

    @Test
    void aSessionEndsWithItsLastMemberAndIsHiddenFromThoseWhoMayNotSeeItsMedia() {
        String session = a.create(member("c1"), CUT.mediaId());
        SessionException hidden =
                assertThrows(SessionException.class, () -> b.join(new LiveService.Member("c9", "Oz", OZ), session));
        assertEquals("unknown_session", hidden.code());
        assertEquals(1, b.sessionCount());
        a.leave(member("c1"), session);
        assertEquals(0, b.sessionCount());
        SessionException gone = assertThrows(SessionException.class, () -> b.join(member("c2"), session));
        assertEquals("unknown_session", gone.code());
    }

    private static Snapshot snapshotFor(List<Told> told, String memberId) {
        return told.stream()
                .map(Told::event)
                .filter(e -> e instanceof Snapshot s && s.memberId().equals(memberId))
                .map(e -> (Snapshot) e)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no snapshot for " + memberId + " in " + told));
    }

    private static LiveService.Member member(String connection) {
        return new LiveService.Member(connection, connection.toUpperCase(), ANN);
    }

    private static Principal.Person person(String id) {
        return new Principal.Person(id, id, id.toUpperCase(), false, Principal.Credential.local());
    }
}
