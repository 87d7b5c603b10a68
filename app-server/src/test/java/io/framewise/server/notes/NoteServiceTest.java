package io.framewise.server.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.audit.AuditFilter;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditQuery;
import io.framewise.server.audit.AuditRecord;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.db.Paging;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.Event;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import io.framewise.server.users.UserRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes' rules without HTTP: the service on a real SQLite file with real repositories, the
 * authorizer and the audit log, and no server. Events published are collected as clients would get
 * them.
 */
class NoteServiceTest {

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final List<NoteEvent> published = new CopyOnWriteArrayList<>();
    final FailingFeed feed = new FailingFeed();
    Database db;
    NoteRepository notes;
    MediaRepository media;
    UserRepository users;
    NoteService service;
    Caller admin;
    MediaItem clip;

    @BeforeEach
    void open() {
        db = Database.open(data, clock);
        notes = new JooqNoteRepository(db);
        media = new JooqMediaRepository(db);
        users = new JooqUserRepository(db);
        feed.inner = new JooqEventRepository(db);
        service = new NoteService(
                notes,
                media,
                users,
                db,
                new DomainEvents(feed, db, e -> {}, published::add),
                new Permissions(new Authorizer(new JooqAccessFacts(db)), new AuditLog(db)),
                clock);
        User local = users.localUser();
        admin = caller(local, true);
        clip = readyMedia(150);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aThreadsFirstNoteLiesOnTheMediasFrames() {
        assertEquals(149, create("last", 149L, null).frame());
        assertEquals(150, create("to the end", 100L, 150L).frameOut());
        expectInvalid(() -> create("x", 150L, null), "frame must be within 0..149");
        expectInvalid(() -> create("x", -1L, null), "frame must be within 0..149");
        expectInvalid(() -> create("x", 10L, 10L), "frameOut (exclusive end) must be within 11..150");
        expectInvalid(() -> create("x", 10L, 151L), "frameOut");
        ApiException.BadRequest noFrame = assertThrows(ApiException.BadRequest.class, () -> create("x", null, null));
        assertEquals("frame is required", noFrame.getMessage());
        MediaItem processing = processingMedia();
        ApiException.Conflict notReady = assertThrows(
                ApiException.Conflict.class,
                () -> service.create(admin, processing.id(), new NoteDraft("x", 0L, null, null, null)));
        assertTrue(notReady.getMessage().contains("has no frames to comment on yet (status processing)"));
        assertEquals(2, notes.countByMedia(clip.id()));
    }

    @Test
    void repliesJoinTheirThreadsFirstNoteAndItsFrames() {
        NoteView root = create("root", 30L, 40L);
        NoteView reply = reply("reply", root.id(), null);
        assertEquals(root.id(), reply.parentId());
        assertEquals(30, reply.frame());
        assertEquals(40L, reply.frameOut());
        // A reply to a reply joins the thread's first note: threads are one level deep.
        NoteView nested = reply("nested", reply.id(), 30L);
        assertEquals(root.id(), nested.parentId());

        expectInvalid(() -> reply("x", root.id(), 31L), "a reply is about its thread's frames");
        MediaItem other = readyMedia(50);
        expectInvalid(
                () -> service.create(admin, other.id(), new NoteDraft("x", null, null, root.id(), null)),
                "parentId must be a note on this media item");
        expectInvalid(() -> reply("x", Ids.newId(), null), "parentId must be a note on this media item");
        assertEquals(3, notes.countByMedia(clip.id()));
    }

    @Test
    void oneEditChangesTextDrawingAndResolutionInOneWriteWithOneEntry() throws Exception {
        NoteView note = create("Fix the flare", 7L, null);
        clock.advance(Duration.ofMinutes(5));
        ObjectMapper json = new ObjectMapper();
        NoteView changed = service.edit(
                admin,
                note.id(),
                new NoteEdit("Fix the flare, left side", json.readTree("{\"schema\":1,\"shapes\":[]}"), true));
        assertEquals("Fix the flare, left side", changed.text());
        assertEquals("{\"schema\":1,\"shapes\":[]}", changed.drawing());
        assertEquals(clock.instant().toString(), changed.edited());
        assertEquals(clock.instant().toString(), changed.resolvedAt());
        assertEquals(List.of("note.created", "note.updated"), feedKinds());
        assertEquals(NoteEvent.Kind.UPDATED, published.get(1).kind());

        service.edit(admin, note.id(), new NoteEdit(null, null, false));
        assertEquals(List.of("note.created", "note.updated", "note.resolved"), feedKinds());
        assertNull(notes.get(note.id()).orElseThrow().resolvedBy());
    }

    @Test
    void aFailedFeedAppendRollsTheNoteBackAndPublishesNothing() {
        feed.failing = true;
        assertThrows(IllegalStateException.class, () -> create("lost", 3L, null));
        assertEquals(0, notes.countByMedia(clip.id()));
        assertTrue(published.isEmpty());
        assertEquals(0, feed.inner.latestSequence());
    }

    @Test
    void aFailedFeedAppendLeavesAnEditUndone() {
        NoteView note = create("before", 3L, null);
        published.clear();
        feed.failing = true;
        assertThrows(
                IllegalStateException.class, () -> service.edit(admin, note.id(), new NoteEdit("after", null, true)));
        Note stored = notes.get(note.id()).orElseThrow();
        assertEquals("before", stored.text());
        assertEquals(false, stored.resolved());
        assertTrue(published.isEmpty());
    }

    @Test
    void deletingStoresTheChangeItsFeedEntryAndItsAuditEntryTogether() {
        NoteView root = create("root", 3L, null);
        NoteView reply = reply("reply", root.id(), null);

        feed.failing = true;
        assertThrows(IllegalStateException.class, () -> service.delete(admin, root.id()));
        assertTrue(notes.get(root.id()).isPresent());
        assertTrue(deletedAudits().isEmpty(), "the audit entry went back with the change");

        feed.failing = false;
        published.clear();
        service.delete(admin, root.id());
        assertTrue(notes.get(root.id()).isEmpty());
        assertTrue(notes.get(reply.id()).isEmpty());
        assertEquals(List.of("note.created", "note.created", "note.deleted"), feedKinds());
        assertEquals(1, published.size());
        assertEquals(NoteEvent.Kind.DELETED, published.get(0).kind());
        List<AuditRecord> audits = deletedAudits();
        assertEquals(1, audits.size());
        assertEquals(root.id(), audits.get(0).resourceId());
        assertEquals("203.0.113.9", audits.get(0).sourceAddress());

        ApiException.NotFound gone = assertThrows(ApiException.NotFound.class, () -> service.delete(admin, root.id()));
        assertEquals("No comment " + root.id(), gone.getMessage());
    }

    @Test
    void someoneWithoutARoleOnTheMediaCannotTellItExists() {
        Caller stranger = caller(users.create("stranger", "Stranger"), false);
        assertThrows(
                ApiException.NotFound.class,
                () -> service.create(stranger, clip.id(), new NoteDraft("hi", 1L, null, null, null)));
        assertThrows(ApiException.NotFound.class, () -> service.list(stranger, clip.id()));
        NoteView mine = create("admin's", 1L, null);
        assertThrows(
                ApiException.NotFound.class, () -> service.edit(stranger, mine.id(), new NoteEdit(null, null, true)));
        assertThrows(ApiException.NotFound.class, () -> service.delete(stranger, mine.id()));
        assertEquals(1, notes.countByMedia(clip.id()));
        Caller nobody = new Caller(Principal.ANONYMOUS, null);
        assertThrows(
                ApiException.Unauthenticated.class,
                () -> service.create(nobody, clip.id(), new NoteDraft("hi", 1L, null, null, null)));
    }

    @Test
    void pagesFollowEachOtherToTheEnd() {
        for (long f = 0; f < 5; f++) {
            create("n" + f, f, null);
        }
        NotePage first = service.page(admin, clip.id(), null, 2);
        assertEquals(2, first.items().size());
        NotePage second = service.page(admin, clip.id(), first.next(), 2);
        NotePage last = service.page(admin, clip.id(), second.next(), 2);
        assertEquals(1, last.items().size());
        assertNull(last.next());
        assertEquals("n4", last.items().get(0).text());
        expectInvalid(() -> service.page(admin, clip.id(), Ids.newId(), 2), "after must be the id of a note");
        assertEquals(5, service.list(admin, clip.id()).items().size());
    }

    private NoteView create(String text, Long frame, Long frameOut) {
        return service.create(admin, clip.id(), new NoteDraft(text, frame, frameOut, null, null));
    }

    private NoteView reply(String text, String parentId, Long frame) {
        return service.create(admin, clip.id(), new NoteDraft(text, frame, null, parentId, null));
    }

    private static void expectInvalid(Runnable call, String messagePart) {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, call::run);
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private List<String> feedKinds() {
        return feed.inner.listSince(0, 100).stream().map(Event::kind).toList();
    }

    private List<AuditRecord> deletedAudits() {
        return new AuditQuery(db)
                .find(AuditFilter.all(), Paging.oldest(100)).stream()
                        .filter(r -> r.action().equals("note.deleted"))
                        .toList();
    }

    private static Caller caller(User user, boolean admin) {
        return new Caller(
                new Principal.Person(user.id(), user.name(), user.displayName(), admin, Principal.Credential.local()),
                "203.0.113.9");
    }

    private MediaItem processingMedia() {
        String id = Ids.newId();
        return media.create(new NewMediaItem(id, "clip.mov", "media/" + id + "/clip.mov", 1234, null));
    }

    private MediaItem readyMedia(long frameCount) {
        MediaItem item = processingMedia();
        media.setProbe(
                item.id(),
                new ProbeSummary(
                        frameCount, FrameRate.FPS_25, "01:00:00:00", false, 640, 360, frameCount * 40_000, true, "{}"));
        media.markReady(item.id());
        return media.get(item.id()).orElseThrow();
    }

    /** The real feed, failing on demand: a failure after the change, inside its unit of work. */
    static final class FailingFeed implements EventRepository {
        EventRepository inner;
        volatile boolean failing;

        @Override
        public Event append(String kind, String mediaId, String assetId, String payloadJson) {
            Event event = inner.append(kind, mediaId, assetId, payloadJson);
            if (failing) {
                throw new IllegalStateException("the feed failed after appending " + kind);
            }
            return event;
        }

        @Override
        public List<Event> listSince(long sequence, int limit) {
            return inner.listSince(sequence, limit);
        }

        @Override
        public long latestSequence() {
            return inner.latestSequence();
        }
    }
}
