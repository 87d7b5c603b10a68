package io.framewise.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRate;
import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.db.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host side's rules without a socket: which member may start, join, drive and switch a session
 * on which media, and how many sessions one member may be in. The authorizer is a table here: what
 * it answers is the access tests' business, what the service does with each answer is this test's.
 */
class LiveServiceTest {

    static final MediaFacts CUT = new MediaFacts("cut-v1", "asset-1", 250, FrameRate.FPS_25);
    static final MediaFacts CUT_V2 = new MediaFacts("cut-v2", "asset-1", 250, FrameRate.FPS_25);
    static final MediaFacts SECRET = new MediaFacts("secret", "asset-2", 100, FrameRate.FPS_25);

    final Principal.Person ann = person("ann");
    final Principal.Person viewer = person("vic");
    final Principal.Person outsider = person("oz");
    final List<String> audited = new CopyOnWriteArrayList<>();
    LiveService live;

    @BeforeEach
    void create() {
        LiveAccess access = new LiveAccess() {
            @Override
            public Decision decide(Principal principal, Action action, Resource resource) {
                String media = resource.idOrNull();
                if (principal == outsider || media.equals("secret") && principal != ann) {
                    return Decision.hidden("no such media");
                }
                if (principal == viewer && action == Action.LIVE_DRIVE) {
                    return Decision.deny("this needs the reviewer role or more");
                }
                return Decision.allow("member");
            }

            @Override
            public void joined(Principal who, String mediaId, boolean started) {
                audited.add(((Principal.Person) who).userId() + (started ? " started " : " joined ") + mediaId);
            }
        };
        Map<String, MediaFacts> catalog = Map.of(CUT.mediaId(), CUT, CUT_V2.mediaId(), CUT_V2, "secret", SECRET);
        live = new LiveService(
                new LiveSessions(
                        id -> Optional.ofNullable(catalog.get(id)), (event, members) -> {}, new MutableClock()),
                access);
    }

    @Test
    void startingAndJoiningAreAuditedAndDrivingNeedsTheRightOnTheSessionsMedia() {
        LiveSession session = live.create(member("c1", ann), CUT.mediaId());
        live.join(member("c2", viewer), session.id());
        assertEquals(List.of("ann started cut-v1", "vic joined cut-v1"), audited);

        expectRefused("forbidden", () -> live.session(member("c2", viewer), session.id(), Action.LIVE_DRIVE));
        expectRefused("forbidden", () -> live.create(member("c2", viewer), CUT.mediaId()));
        assertEquals(session, live.session(member("c1", ann), session.id(), Action.LIVE_DRIVE));
    }

    @Test
    void aSessionOnMediaSomeoneMayNotSeeIsOneThatDoesNotExist() {
        LiveSession secret = live.create(member("c1", ann), "secret");
        expectRefused("unknown_session", () -> live.join(member("c9", outsider), secret.id()));
        expectRefused("unknown_session", () -> live.join(member("c9", outsider), "no-such-session-id-000"));
        expectRefused("not_found", () -> live.create(member("c9", outsider), CUT.mediaId()));
        assertEquals(1, live.sessions().sessionCount());
        assertEquals(List.of("ann started secret"), audited);
    }

    @Test
    void switchingNeedsTheRightOnBothMediaAndStaysWithinTheAsset() {
        LiveSession session = live.create(member("c1", ann), CUT.mediaId());
        live.switchVersion(member("c1", ann), session.id(), CUT_V2.mediaId());
        assertEquals(CUT_V2.mediaId(), session.state().mediaId());
        expectRefused("not_a_version", () -> live.switchVersion(member("c1", ann), session.id(), "secret"));

        live.join(member("c2", viewer), session.id());
        expectRefused("forbidden", () -> live.switchVersion(member("c2", viewer), session.id(), CUT.mediaId()));
        assertEquals(CUT_V2.mediaId(), session.state().mediaId());
    }

    @Test
    void oneMemberIsInAtMostEightSessionsButMayRejoinOneItIsIn() {
        LiveService.Member c1 = member("c1", ann);
        LiveSession first = live.create(c1, CUT.mediaId());
        for (int i = 1; i < LiveService.MAX_SESSIONS_PER_MEMBER; i++) {
            live.create(c1, CUT.mediaId());
        }
        expectRefused("too_many_sessions", () -> live.create(c1, CUT.mediaId()));
        LiveSession other = live.create(member("c2", ann), CUT.mediaId());
        expectRefused("too_many_sessions", () -> live.join(c1, other.id()));
        assertEquals(first, live.join(c1, first.id()));

        live.memberGone(c1.id());
        assertEquals(1, live.sessions().sessionCount());
        assertTrue(live.join(c1, other.id()).hasMember(c1.id()));
    }

    private static void expectRefused(String code, Runnable call) {
        SessionException e = assertThrows(SessionException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
    }

    private static LiveService.Member member(String connection, Principal.Person person) {
        return new LiveService.Member(connection, person.displayName(), person);
    }

    private static Principal.Person person(String id) {
        return new Principal.Person(id, id, id.toUpperCase(), false, Principal.Credential.local());
    }
}
