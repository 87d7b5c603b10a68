package io.framewise.server.comments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.users.UserRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The notes API.
 *
 * <ul>
 *   <li>{@code POST /api/media/{id}/comments} {@code {"text","frame","frameOut"?,"parentId"?,"drawing"?}}
 *       -> 201 with the note (its {@code id} included).
 *   <li>{@code GET /api/media/{id}/comments[?limit=N&after=NOTE_ID]} -> {@code {"items":[...],"next"}}:
 *       a flat list ordered by frame, then creation, then id; replies carry {@code parentId} and
 *       clients group them under their thread. Without {@code limit} every note comes in one answer;
 *       with it ({@value #MAX_PAGE} at most) one page, and {@code next} is the {@code after} of the
 *       following page ({@code null} on the last).
 *   <li>{@code PATCH /api/comments/{id}} with any of {@code text}, {@code drawing} (null removes
 *       it), {@code resolved}.
 *   <li>{@code DELETE /api/comments/{id}} -> 204; the note's replies go with it.
 * </ul>
 *
 * Threads are one level deep: a reply names any note of the thread as {@code parentId} and is
 * attached to the thread's first note. A reply is about its thread's frame range: it may leave
 * {@code frame} and {@code frameOut} out, and if it gives them they must be the thread's.
 *
 * <p>Every change is appended to the activity feed ({@code note.created}, {@code note.updated},
 * {@code note.resolved}, {@code note.deleted}) and published as a {@link NoteEvent}. Deleting a
 * thread publishes one {@code deleted} event for its first note; clients drop its replies with it.
 */
public final class NotesFeature implements Feature {

    public static final int MAX_PAGE = 10_000;

    private final NoteRepository notes;
    private final MediaRepository media;
    private final Access access;
    private final UserRepository users;
    /** Display names by user id; names change rarely and a stale one is harmless for a few minutes. */
    private final java.util.Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    private final EventRepository events;
    private final Consumer<NoteEvent> publish;
    private final ObjectMapper mapper = Json.newMapper();
    private final NoteInput input = new NoteInput(mapper);
    private final DrawingValidator drawings = new DrawingValidator(mapper);

    public NotesFeature(
            NoteRepository notes,
            MediaRepository media,
            UserRepository users,
            Access access,
            EventRepository events,
            Consumer<NoteEvent> publish) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.media = Objects.requireNonNull(media, "media");
        this.access = Objects.requireNonNull(access, "access");
        this.users = Objects.requireNonNull(users, "users");
        this.events = Objects.requireNonNull(events, "events");
        this.publish = Objects.requireNonNull(publish, "publish");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/media/{id}/comments", this::create);
        cfg.routes.get("/api/media/{id}/comments", this::list);
        cfg.routes.patch("/api/comments/{id}", this::patch);
        cfg.routes.delete("/api/comments/{id}", this::delete);
    }

    private void create(Context ctx) throws JsonProcessingException {
        MediaItem item = requireMedia(ctx.pathParam("id"));
        NoteInput.Create req = input.create(ctx.body());
        long frameCount = frameCount(item);
        String parentId = null;
        long frame;
        Long frameOut;
        if (req.parentId() != null) {
            Note root = threadRoot(req.parentId(), item.id());
            parentId = root.id();
            if (req.frame() != null && req.frame() != root.frame()
                    || req.frameOut() != null && !req.frameOut().equals(root.frameOut())) {
                throw new ApiException.Invalid(
                        "a reply is about its thread's frames: leave frame and frameOut out or give " + root.frame()
                                + (root.frameOut() == null ? "" : " and " + root.frameOut()),
                        Map.of("field", "frame", "threadFrame", root.frame()));
            }
            frame = root.frame();
            frameOut = root.frameOut();
        } else {
            if (req.frame() == null) {
                throw new ApiException.BadRequest("frame is required", Map.of("field", "frame"), null);
            }
            frame = req.frame();
            frameOut = req.frameOut();
            checkFrames(frame, frameOut, frameCount);
        }
        Drawing drawing = req.drawing() == null ? null : drawings.validate(req.drawing());
        Note note;
        try {
            note = notes.create(new NewNote(
                    item.id(),
                    parentId,
                    frame,
                    frameOut,
                    req.text(),
                    drawing,
                    Access.person(ctx).userId()));
        } catch (IllegalArgumentException e) {
            // The thread was deleted between the check and the write.
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "parentId"));
        }
        announce(NoteEvent.Kind.CREATED, note);
        ctx.status(201).json(NoteView.of(note, this::name));
    }

    private void list(Context ctx) {
        MediaItem item = requireMedia(ctx.pathParam("id"));
        String limitParam = ctx.queryParam("limit");
        String after = ctx.queryParam("after");
        if (limitParam == null) {
            if (after != null) {
                throw new ApiException.BadRequest("after needs limit", Map.of("field", "after"), null);
            }
            ctx.json(new Page(views(notes.listByMedia(item.id())), null));
            return;
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(n -> n >= 1 && n <= MAX_PAGE, "limit must be 1 to " + MAX_PAGE)
                .get();
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
        ctx.json(new Page(views(page), next));
    }

    private void patch(Context ctx) throws JsonProcessingException {
        Note note = requireNote(ctx.pathParam("id"));
        NoteInput.Patch req = input.patch(ctx.body());
        Resource.Note target = new Resource.Note(note.id());
        if (req.text() != null || req.drawing() != null) {
            access.require(ctx, Action.NOTE_EDIT, target);
        }
        if (req.resolved() != null) {
            access.require(ctx, Action.NOTE_RESOLVE, target);
        }
        // Everything is checked before anything is written, so a refused patch changes nothing.
        Drawing drawing = req.drawing() == null || req.drawing().isNull() ? null : drawings.validate(req.drawing());
        Note changed = note;
        if (req.text() != null) {
            changed = notes.updateText(note.id(), req.text()).orElseThrow(() -> gone(note.id()));
        }
        if (req.drawing() != null) {
            changed = notes.updateDrawing(note.id(), drawing).orElseThrow(() -> gone(note.id()));
        }
        if (req.resolved() != null) {
            changed = notes.setResolved(
                            note.id(), req.resolved(), Access.person(ctx).userId())
                    .orElseThrow(() -> gone(note.id()));
        }
        boolean onlyResolution = req.text() == null && req.drawing() == null;
        announce(onlyResolution ? NoteEvent.Kind.RESOLVED : NoteEvent.Kind.UPDATED, changed);
        ctx.json(NoteView.of(changed, this::name));
    }

    private void delete(Context ctx) {
        Note note = requireNote(ctx.pathParam("id"));
        if (!notes.delete(note.id())) {
            throw gone(note.id());
        }
        announce(NoteEvent.Kind.DELETED, note);
        access.record(
                ctx,
                "note.deleted",
                new Resource.Note(note.id()),
                AuditOutcome.SUCCESS,
                Map.of("mediaId", note.mediaId(), "authorId", note.authorId()));
        ctx.status(204);
    }

    /** The list answer: the notes and the cursor of the next page. */
    public record Page(List<NoteView> items, String next) {}

    /** The author's display name, or null for an account that no longer exists. */
    private String name(String userId) {
        if (names.size() > 10_000) {
            names.clear();
        }
        return names.computeIfAbsent(
                userId, id -> users.get(id).map(u -> u.displayName()).orElse(null));
    }

    private List<NoteView> views(List<Note> list) {
        List<NoteView> views = new ArrayList<>(list.size());
        list.forEach(n -> views.add(NoteView.of(n, this::name)));
        return views;
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

    private void announce(NoteEvent.Kind kind, Note note) {
        ObjectNode payload = mapper.createObjectNode()
                .put("note", note.id())
                .put("parent", note.parentId())
                .put("frame", note.frame());
        events.append("note." + kind.wireName(), note.mediaId(), null, payload.toString());
        publish.accept(new NoteEvent(
                kind,
                note.id(),
                note.mediaId(),
                null,
                kind == NoteEvent.Kind.DELETED ? null : NoteView.of(note, this::name)));
    }
}
