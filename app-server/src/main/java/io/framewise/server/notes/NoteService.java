package io.framewise.server.notes;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.attachments.NoteAttachment;
import io.framewise.server.attachments.NoteAttachmentRepository;
import io.framewise.server.attachments.NoteAttachmentView;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.users.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Review notes: writing, replying, editing, resolving, deleting and listing them, with the rules
 * that hold for every client.
 *
 * <p>Threads are one level deep: a reply names any note of the thread as its parent and is attached
 * to the thread's first note. A reply is about its thread's frame range: it may leave {@code frame}
 * and {@code frameOut} out, and if it gives them they must be the thread's. A thread's first note
 * lies on frames of the media item, which must have been probed.
 *
 * <p>Each change is one unit of work: the note, its activity feed entry ({@code note.created},
 * {@code note.updated}, {@code note.resolved}, {@code note.deleted}) and its audit entry of the same
 * name commit together; the live {@link NoteEvent} goes out after the commit. Deleting a thread
 * publishes one {@code deleted} event for its first note; clients drop its replies with it.
 *
 * <p>Every id a caller names is authorized (the media item, the note, a reply's parent) before the
 * unit of work begins, so a refusal's audit entry is not rolled back with it.
 */
public final class NoteService {

    private final NoteRepository notes;
    private final MediaRepository media;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Permissions permissions;
    private final Clock clock;
    private final AuthorNames names;
    private final DrawingValidator drawings;
    private final NoteAttachmentRepository attachments;

    public NoteService(
            NoteRepository notes,
            MediaRepository media,
            UserRepository users,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Clock clock) {
        this(notes, media, users, work, events, permissions, clock, null);
    }

    /** As above, with the notes' attachments shown in each note ({@code null}: none are shown). */
    public NoteService(
            NoteRepository notes,
            MediaRepository media,
            UserRepository users,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Clock clock,
            NoteAttachmentRepository attachments) {
        this.attachments = attachments;
        this.notes = Objects.requireNonNull(notes, "notes");
        this.media = Objects.requireNonNull(media, "media");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.names = new AuthorNames(users);
        this.drawings = new DrawingValidator(Json.newMapper());
    }

    /** Writes a new thread's first note, or a reply when the draft names a parent. */
    public NoteView create(Caller caller, String mediaId, NoteDraft draft) {
        // A share link's guest writes under the link creator's account, marked as the guest's.
        Note.GuestAuthor guest =
                caller.principal() instanceof Principal.Guest g ? new Note.GuestAuthor(g.guestId(), g.name()) : null;
        String authorId = caller.principal() instanceof Principal.Guest g
                ? g.onBehalfOf()
                : caller.person().userId();
        permissions.require(caller, Action.NOTE_CREATE, new Resource.Media(mediaId));
        if (draft.parentId() != null
                && notes.get(draft.parentId())
                        .filter(n -> n.mediaId().equals(mediaId))
                        .isPresent()) {
            permissions.requireReferenced(caller, Action.NOTE_VIEW, new Resource.Note(draft.parentId()), "parentId");
        }
        return work.inTransaction(() -> {
            MediaItem item = requireMedia(mediaId);
            long frameCount = frameCount(item);
            NewNote note;
            Drawing drawing;
            if (draft.parentId() != null) {
                Note root = threadRoot(draft.parentId(), item.id());
                checkReplyFrames(draft, root);
                drawing = drawing(draft);
                note = new NewNote(
                        item.id(),
                        root.id(),
                        root.frame(),
                        root.frameOut(),
                        draft.text(),
                        drawing,
                        authorId,
                        guest,
                        draft.colour(),
                        null);
            } else {
                if (draft.frame() == null) {
                    throw new ApiException.BadRequest("frame is required", Map.of("field", "frame"), null);
                }
                checkFrames(draft.frame(), draft.frameOut(), frameCount);
                drawing = drawing(draft);
                note = new NewNote(
                        item.id(),
                        null,
                        draft.frame(),
                        draft.frameOut(),
                        draft.text(),
                        drawing,
                        authorId,
                        guest,
                        draft.colour(),
                        null);
            }
            return announce(caller, NoteEvent.Kind.CREATED, notes.create(note));
        });
    }

    /**
     * Writes notes read from an interchange file in one unit of work, each audited and announced like
     * a note written by hand. The caller was allowed {@link Action#NOTE_CREATE} on the media item by
     * the importer, which also checked the frames against the media.
     */
    public List<NoteView> createImported(Caller caller, List<NewNote> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return work.inTransaction(() -> notes.createAll(batch).stream()
                .map(n -> announce(caller, NoteEvent.Kind.CREATED, n))
                .toList());
    }

    /**
     * How a note not yet written would look: the note shape without an id or creation time (a dry
     * run's answer).
     */
    public NoteView preview(NewNote n) {
        return new NoteView(
                null,
                n.mediaId(),
                n.parentId(),
                n.frame(),
                n.frameOut(),
                n.text(),
                n.drawing() == null ? null : n.drawing().json(),
                false,
                null,
                null,
                n.guest() == null ? n.authorId() : "guest:" + n.guest().id(),
                n.guest() == null ? names.of(n.authorId()) : n.guest().name(),
                null,
                null,
                n.guest() != null,
                n.colour() == null ? null : n.colour().wire(),
                List.of());
    }

    /** The account a caller's notes are filed under: a share link's guest writes as the link's creator. */
    public static String authorOf(Caller caller) {
        return caller.principal() instanceof Principal.Guest g
                ? g.onBehalfOf()
                : caller.person().userId();
    }

    /** The guest a caller's notes are shown as, or null for an account. */
    public static Note.GuestAuthor guestOf(Caller caller) {
        return caller.principal() instanceof Principal.Guest g ? new Note.GuestAuthor(g.guestId(), g.name()) : null;
    }

    /** Changes a note's text, drawing or resolution in one write. */
    public NoteView edit(Caller caller, String noteId, NoteEdit edit) {
        Resource.Note target = new Resource.Note(noteId);
        if (edit.text() != null || edit.drawing() != null || edit.colour() != null) {
            permissions.require(caller, Action.NOTE_EDIT, target);
        }
        if (edit.resolved() != null) {
            permissions.require(caller, Action.NOTE_RESOLVE, target);
        }
        // After the checks: a share link's guest is refused (403) like anyone else who may not.
        String userId = caller.person().userId();
        return work.inTransaction(() -> {
            requireNote(noteId);
            // Everything is checked before anything is written, so a refused edit changes nothing.
            Drawing drawing =
                    edit.drawing() == null || edit.drawing().isNull() ? null : drawings.validate(edit.drawing());
            Instant now = clock.instant();
            Note changed = notes.update(noteId, n -> {
                        Note next = n;
                        if (edit.text() != null) {
                            next = next.withText(edit.text(), now);
                        }
                        if (edit.drawing() != null) {
                            next = next.withDrawing(drawing, now);
                        }
                        if (edit.colour() != null) {
                            next = next.withColour(edit.colour().orElse(null), now);
                        }
                        if (edit.resolved() != null) {
                            next = next.withResolution(edit.resolved() ? userId : null, now);
                        }
                        return next;
                    })
                    .orElseThrow(() -> gone(noteId));
            return announce(caller, edit.onlyResolution() ? NoteEvent.Kind.RESOLVED : NoteEvent.Kind.UPDATED, changed);
        });
    }

    /** Deletes a note and its replies. */
    public void delete(Caller caller, String noteId) {
        permissions.require(caller, Action.NOTE_DELETE, new Resource.Note(noteId));
        work.inTransaction(() -> {
            Note note = requireNote(noteId);
            if (!notes.delete(note.id())) {
                throw gone(note.id());
            }
            announce(caller, NoteEvent.Kind.DELETED, note);
        });
    }

    /** Every note of the media item, ordered by frame, then creation, then id. */
    public NotePage list(Caller caller, String mediaId) {
        permissions.require(caller, Action.NOTE_VIEW, new Resource.Media(mediaId));
        MediaItem item = requireMedia(mediaId);
        return new NotePage(views(notes.listByMedia(item.id())), null);
    }

    /**
     * One page of the media item's notes in the order of {@link #list}: up to {@code limit} after
     * the note {@code after} (or from the start when null), and the cursor of the next page.
     */
    public NotePage page(Caller caller, String mediaId, String after, int limit) {
        permissions.require(caller, Action.NOTE_VIEW, new Resource.Media(mediaId));
        MediaItem item = requireMedia(mediaId);
        List<Note> page;
        try {
            // One more than asked tells whether another page follows, without an empty last page.
            page = notes.pageByMedia(item.id(), after, limit + 1);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(
                    "after must be the id of a note on this media item", Map.of("field", "after"));
        }
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = page.get(limit - 1).id();
        }
        return new NotePage(views(page), next);
    }

    private NoteView view(Note note) {
        return views(List.of(note)).get(0);
    }

    private List<NoteView> views(List<Note> list) {
        Map<String, List<NoteAttachment>> files = attachments == null || list.isEmpty()
                ? Map.of()
                : attachments.byNotes(list.stream().map(Note::id).toList());
        return list.stream()
                .map(n -> NoteView.of(n, names::of)
                        .withAttachments(files.getOrDefault(n.id(), List.of()).stream()
                                .map(NoteAttachmentView::of)
                                .toList()))
                .toList();
    }

    /**
     * Writes the change's audit entry ({@code note.<kind>}) and its feed entry in the open unit of
     * work, and publishes it after the commit: who changed a note is on record with the change.
     */
    private NoteView announce(Caller caller, NoteEvent.Kind kind, Note note) {
        permissions.audit(
                caller,
                "note." + kind.wireName(),
                new Resource.Note(note.id()),
                AuditOutcome.SUCCESS,
                Map.of("mediaId", note.mediaId(), "authorId", note.authorId()));
        NoteView view = view(note);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("note", note.id());
        payload.put("parent", note.parentId());
        payload.put("frame", note.frame());
        events.note(
                new NoteEvent(kind, note.id(), note.mediaId(), null, kind == NoteEvent.Kind.DELETED ? null : view),
                payload);
        return view;
    }

    private Drawing drawing(NoteDraft draft) {
        return draft.drawing() == null ? null : drawings.validate(draft.drawing());
    }

    private MediaItem requireMedia(String id) {
        return media.get(id).orElseThrow(() -> new ApiException.NotFound("No media " + id, Map.of("media", id)));
    }

    private Note requireNote(String id) {
        return notes.get(id).orElseThrow(() -> gone(id));
    }

    private static ApiException.NotFound gone(String id) {
        return new ApiException.NotFound("No comment " + id, Map.of("comment", id));
    }

    private static long frameCount(MediaItem item) {
        long count = item.probe() == null ? 0 : item.probe().frameCount();
        if (count < 1) {
            throw new ApiException.Conflict(
                    "media " + item.id() + " has no frames to comment on yet (status "
                            + item.status().wire() + ")",
                    Map.of("media", item.id(), "status", item.status().wire()));
        }
        return count;
    }

    private Note threadRoot(String parentId, String mediaId) {
        Note parent = notes.get(parentId)
                .filter(n -> n.mediaId().equals(mediaId))
                .orElseThrow(() -> new ApiException.Invalid(
                        "parentId must be a note on this media item", Map.of("field", "parentId")));
        if (parent.parentId() == null) {
            return parent;
        }
        return notes.get(parent.parentId())
                .orElseThrow(() ->
                        new ApiException.Invalid("parentId's thread no longer exists", Map.of("field", "parentId")));
    }

    private static void checkReplyFrames(NoteDraft draft, Note root) {
        if (draft.frame() != null && draft.frame() != root.frame()
                || draft.frameOut() != null && !draft.frameOut().equals(root.frameOut())) {
            throw new ApiException.Invalid(
                    "a reply is about its thread's frames: leave frame and frameOut out or give " + root.frame()
                            + (root.frameOut() == null ? "" : " and " + root.frameOut()),
                    Map.of("field", "frame", "threadFrame", root.frame()));
        }
    }

    private static void checkFrames(long frame, Long frameOut, long frameCount) {
        if (frame < 0 || frame >= frameCount) {
            throw new ApiException.Invalid(
                    "frame must be within 0.." + (frameCount - 1) + ", got " + frame,
                    Map.of("field", "frame", "min", 0, "max", frameCount - 1));
        }
        if (frameOut != null && (frameOut <= frame || frameOut > frameCount)) {
            throw new ApiException.Invalid(
                    "frameOut (exclusive end) must be within " + (frame + 1) + ".." + frameCount + ", got " + frameOut,
                    Map.of("field", "frameOut", "min", frame + 1, "max", frameCount));
        }
    }
}
