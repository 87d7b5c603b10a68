package io.framewise.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import io.framewise.server.live.SessionEvent.DriverDenied;
import io.framewise.server.live.SessionEvent.DriverRequested;
import io.framewise.server.live.SessionEvent.MemberView;
import io.framewise.server.live.SessionEvent.Point;
import io.framewise.server.live.SessionEvent.Presence;
import io.framewise.server.live.SessionEvent.Snapshot;
import io.framewise.server.live.SessionEvent.StateChanged;
import io.framewise.server.live.SessionEvent.StrokeChanged;
import io.framewise.server.live.SessionEvent.StrokePhase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveSessionTest {

    private static final MediaFacts CUT = new MediaFacts("cut-v1", "asset-1", 250, FrameRate.FPS_25);
    private static final MediaFacts CUT_V2 = new MediaFacts("cut-v2", "asset-1", 100, FrameRate.FPS_25);

    /** Records what each member received, in order. */
    private static final class Inboxes implements SessionOutput {
        final Map<String, List<SessionEvent>> received = new HashMap<>();

        @Override
        public void send(SessionEvent event, Collection<String> memberIds) {
            memberIds.forEach(
                    id -> received.computeIfAbsent(id, k -> new ArrayList<>()).add(event));
        }

        List<SessionEvent> of(String member) {
            return received.getOrDefault(member, List.of());
        }

        <T extends SessionEvent> T last(String member, Class<T> type) {
            List<SessionEvent> events = of(member);
            for (int i = events.size() - 1; i >= 0; i--) {
                if (type.isInstance(events.get(i))) {
                    return type.cast(events.get(i));
                }
            }
            throw new AssertionError(member + " received no " + type.getSimpleName() + ": " + events);
        }

        void clear() {
            received.clear();
        }
    }

    private final Inboxes inboxes = new Inboxes();
    private final MutableClock clock = new MutableClock();
    private LiveSessions sessions;
    private LiveSession session;

    @BeforeEach
    void create() {
        sessions = new LiveSessions(
                id -> Optional.ofNullable(
                        Map.of(CUT.mediaId(), CUT, CUT_V2.mediaId(), CUT_V2).get(id)),
                inboxes,
                clock);
        session = sessions.create("ann", "Ann", "cut-v1");
        sessions.join(session.id(), "bob", "Bob");
        sessions.join(session.id(), "cy", "Cy");
    }

    @Test
    void creatorDrivesAndEveryJoinerGetsTheSnapshotFirst() {
        assertEquals(22, session.id().length());
        assertEquals("ann", session.driverId());
        Snapshot snapshot = (Snapshot) inboxes.of("bob").get(0);
        assertEquals("bob", snapshot.memberId());
        assertEquals("cut-v1", snapshot.state().mediaId());
        assertEquals(250, snapshot.state().frameCount());
        assertEquals(
                List.of(new MemberView("ann", "Ann", true), new MemberView("bob", "Bob", false)), snapshot.members());
        Presence presence = inboxes.last("ann", Presence.class);
        assertEquals(
                List.of("ann", "bob", "cy"),
                presence.members().stream().map(MemberView::id).toList());
    }

    @Test
    void driverChangesReachEveryMemberWithTheSameFrame() {
        session.seek("ann", 120);
        session.step("ann", 3);
        session.loop("ann", 100, 150);
        session.rate("ann", 2.0);
        for (String member : List.of("ann", "bob", "cy")) {
            StateChanged last = inboxes.last(member, StateChanged.class);
            assertEquals("rate", last.cause());
            assertEquals(123, last.state().frame());
            assertEquals(FrameRange.of(100, 150), last.state().loop());
            assertEquals(2.0, last.state().rate());
        }
        assertEquals(
                List.of("seek", "step", "loop", "rate"),
                inboxes.of("cy").stream()
                        .filter(e -> e instanceof StateChanged)
                        .map(e -> ((StateChanged) e).cause())
                        .toList());
    }

    @Test
    void followersComputeThePlayheadFromTheAnchorAndLoopsWrap() {
        session.seek("ann", 140);
        session.loop("ann", 100, 150);
        session.play("ann", null);
        PlaybackState playing = inboxes.last("bob", StateChanged.class).state();
        assertTrue(playing.playing());
        assertEquals(clock.millis(), playing.anchorMillis());
        clock.advance(200); // 5 frames at 25 fps
        assertEquals(145, playing.frameAt(clock.millis()));
        clock.advance(400); // 10 more: 155 wraps to 105
        assertEquals(105, playing.frameAt(clock.millis()));
        session.pause("ann", null);
        assertEquals(105, inboxes.last("cy", StateChanged.class).state().frame());
        assertFalse(session.state().playing());
    }

    @Test
    void onlyTheDriverChangesPlayback() {
        SessionException e = assertThrows(SessionException.class, () -> session.play("bob", 10L));
        assertEquals("not_driver", e.code());
        assertThrows(SessionException.class, () -> session.seek("cy", 10));
        assertThrows(SessionException.class, () -> session.rate("bob", 2));
        assertEquals(
                "not_member",
                assertThrows(SessionException.class, () -> session.seek("eve", 1))
                        .code());
        assertEquals(0, session.state().frame());
    }

    @Test
    void validatesFramesRatesAndLoops() {
        assertEquals(
                "invalid_frame",
                assertThrows(SessionException.class, () -> session.seek("ann", -1))
                        .code());
        assertEquals(
                "invalid_frame",
                assertThrows(SessionException.class, () -> session.seek("ann", 250))
                        .code());
        assertEquals(
                "invalid_frame",
                assertThrows(SessionException.class, () -> session.play("ann", 999L))
                        .code());
        assertEquals(
                "invalid_rate",
                assertThrows(SessionException.class, () -> session.rate("ann", 0.05))
                        .code());
        assertEquals(
                "invalid_rate",
                assertThrows(SessionException.class, () -> session.rate("ann", 16.5))
                        .code());
        assertEquals(
                "invalid_rate",
                assertThrows(SessionException.class, () -> session.rate("ann", Double.NaN))
                        .code());
        assertEquals(
                "invalid_loop",
                assertThrows(SessionException.class, () -> session.loop("ann", 50, 50))
                        .code());
        assertEquals(
                "invalid_loop",
                assertThrows(SessionException.class, () -> session.loop("ann", 60, 50))
                        .code());
        assertEquals(
                "invalid_loop",
                assertThrows(SessionException.class, () -> session.loop("ann", 0, 251))
                        .code());
        assertEquals(
                "invalid_step",
                assertThrows(SessionException.class, () -> session.step("ann", 0))
                        .code());
        session.seek("ann", 249);
        session.rate("ann", 0.1);
        session.rate("ann", 16);
        session.loop("ann", 0, 250);
        session.step("ann", 5);
        assertEquals(249, session.state().frame(), "stepping stops at the last frame");
        assertEquals(1 + 5, session.state().revision(), "only accepted changes count");
    }

    @Test
    void handOverGoesThroughTheDriver() {
        session.requestDriver("bob");
        session.requestDriver("cy");
        DriverRequested asked = inboxes.last("ann", DriverRequested.class);
        assertEquals("cy", asked.requesterId());
        assertEquals("Cy", asked.requesterName());
        assertTrue(inboxes.of("bob").stream().noneMatch(e -> e instanceof DriverRequested));

        session.answerDriverRequest("ann", "bob", true);
        assertEquals("bob", session.driverId());
        assertEquals("driver changed", inboxes.last("cy", DriverDenied.class).reason());
        assertTrue(inboxes.last("cy", Presence.class).members().get(1).driver());
        assertThrows(SessionException.class, () -> session.seek("ann", 5));
        session.seek("bob", 5);

        session.requestDriver("cy");
        session.answerDriverRequest("bob", "cy", false);
        assertEquals(
                "the driver declined", inboxes.last("cy", DriverDenied.class).reason());
        assertEquals("bob", session.driverId());
        assertEquals(
                "no_request",
                assertThrows(SessionException.class, () -> session.answerDriverRequest("bob", "cy", true))
                        .code());
        assertEquals(
                "already_driver",
                assertThrows(SessionException.class, () -> session.requestDriver("bob"))
                        .code());
    }

    @Test
    void theServerGrantsWhenNobodyDrives() {
        session.releaseDriver("ann");
        assertNull(session.driverId());
        assertEquals(
                "not_driver",
                assertThrows(SessionException.class, () -> session.seek("ann", 3))
                        .code());
        session.requestDriver("cy");
        assertEquals("cy", session.driverId());
    }

    @Test
    void whenTheDriverDropsTheLongestPresentMemberDrivesAndPlaybackPauses() {
        session.play("ann", 10L);
        clock.advance(1000);
        session.requestDriver("cy");
        sessions.memberGone("ann");
        assertEquals("bob", session.driverId());
        StateChanged paused = inboxes.last("bob", StateChanged.class);
        assertEquals("driver-left", paused.cause());
        assertFalse(paused.state().playing());
        assertEquals(35, paused.state().frame());
        assertEquals("driver changed", inboxes.last("cy", DriverDenied.class).reason());
        assertEquals(
                List.of(new MemberView("bob", "Bob", true), new MemberView("cy", "Cy", false)),
                inboxes.last("cy", Presence.class).members());

        sessions.leave(session.id(), "bob");
        sessions.memberGone("cy");
        assertEquals(0, sessions.sessionCount(), "the session ends with its last member");
        assertEquals(
                "unknown_session",
                assertThrows(SessionException.class, () -> sessions.join(session.id(), "dan", "Dan"))
                        .code());
    }

    @Test
    void aLateJoinerSeesPlaybackDrawingsAndPointers() {
        session.seek("ann", 42);
        session.loop("ann", 40, 60);
        session.laser("bob", 0.25, 0.75, 42);
        session.stroke("cy", "s1", 42, "#ff0000", 0.01, List.of(new Point(0.1, 0.1), new Point(0.2, 0.2)), false);
        session.stroke("cy", "s1", 42, "#ff0000", 0.01, List.of(new Point(0.3, 0.3)), false);
        session.play("ann", null);
        clock.advance(400);

        sessions.join(session.id(), "dan", "Dan");
        Snapshot snapshot = (Snapshot) inboxes.of("dan").get(0);
        assertTrue(snapshot.state().playing());
        assertEquals(42 + 10, snapshot.state().frameAt(snapshot.serverTime()));
        assertEquals(FrameRange.of(40, 60), snapshot.state().loop());
        assertEquals(1, snapshot.lasers().size());
        assertEquals(0.75, snapshot.lasers().get(0).y());
        assertEquals(3, snapshot.strokes().get(0).points().size());
        assertEquals(4, snapshot.members().size());

        StrokeChanged grown = inboxes.last("ann", StrokeChanged.class);
        assertEquals(List.of(new Point(0.3, 0.3)), grown.addedPoints(), "stroke events carry only new points");
        session.stroke("cy", "s1", 42, "#ff0000", 0.01, List.of(), true);
        assertEquals(StrokePhase.DONE, inboxes.last("dan", StrokeChanged.class).phase());
        assertTrue(session.snapshotFor("dan").strokes().isEmpty());
    }

    @Test
    void drawingAndPointerInputIsValidated() {
        assertEquals(
                "invalid_point",
                assertThrows(SessionException.class, () -> session.laser("bob", 1.5, 0, 1))
                        .code());
        assertEquals(
                "invalid_frame",
                assertThrows(SessionException.class, () -> session.laser("bob", 0, 0, 250))
                        .code());
        assertEquals(
                "invalid_stroke",
                assertThrows(SessionException.class, () -> session.stroke("bob", "s", 1, "red", 0.01, List.of(), false))
                        .code());
        assertEquals(
                "invalid_stroke",
                assertThrows(
                                SessionException.class,
                                () -> session.stroke("bob", "s", 1, "#fff000", 0, List.of(), false))
                        .code());
        assertEquals(
                "unknown_stroke",
                assertThrows(SessionException.class, () -> session.cancelStroke("bob", "nope"))
                        .code());
    }

    @Test
    void versionSwitchKeepsTheFrameClampedAndDropsOverlays() {
        session.seek("ann", 200);
        session.loop("ann", 10, 20);
        session.laser("bob", 0.5, 0.5, 200);
        sessions.switchVersion(session.id(), "ann", "cut-v2");
        PlaybackState state = inboxes.last("cy", StateChanged.class).state();
        assertEquals("cut-v2", state.mediaId());
        assertEquals(99, state.frame());
        assertEquals(FrameRange.of(10, 20), state.loop());
        assertTrue(session.snapshotFor("cy").lasers().isEmpty());
        assertEquals(
                "unknown_media",
                assertThrows(SessionException.class, () -> sessions.switchVersion(session.id(), "ann", "nope"))
                        .code());
        assertThrows(SessionException.class, () -> sessions.switchVersion(session.id(), "bob", "cut-v1"));
    }

    @Test
    void sessionIdsAreUnguessable() {
        LiveSession other = sessions.create("zed", "Zed", "cut-v1");
        assertNotEquals(session.id(), other.id());
        assertTrue(other.id().matches("[A-Za-z0-9_-]{22}"));
        assertEquals(
                "unknown_media",
                assertThrows(SessionException.class, () -> sessions.create("x", "X", "missing"))
                        .code());
    }

    private static final class MutableClock extends Clock {
        private long millis = 1_700_000_000_000L;

        void advance(long delta) {
            millis += delta;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
