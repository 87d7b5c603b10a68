package io.framewise.server.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/**
 * The notes API over HTTP; the rules are {@link NoteService}'s, refusals become answers in the
 * error mapper.
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
 * The routes keep their published name, comments; in the code they are notes.
 */
public final class NotesRoutes implements Feature {

    public static final int MAX_PAGE = 10_000;

    private final NoteService notes;
    private final Access access;
    private final NoteInput input = new NoteInput(Json.newMapper());

    public NotesRoutes(NoteService notes, Access access) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/media/{id}/comments", this::create);
        cfg.routes.get("/api/media/{id}/comments", this::list);
        cfg.routes.patch("/api/comments/{id}", this::patch);
        cfg.routes.delete("/api/comments/{id}", this::delete);
    }

    private void create(Context ctx) throws JsonProcessingException {
        NoteDraft draft = input.create(ctx.body());
        ctx.status(201).json(notes.create(access.caller(ctx), ctx.pathParam("id"), draft));
    }

    private void list(Context ctx) {
        String limitParam = ctx.queryParam("limit");
        String after = ctx.queryParam("after");
        if (limitParam == null) {
            if (after != null) {
                throw new ApiException.BadRequest("after needs limit", Map.of("field", "after"), null);
            }
            ctx.json(notes.list(access.caller(ctx), ctx.pathParam("id")));
            return;
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(n -> n >= 1 && n <= MAX_PAGE, "limit must be 1 to " + MAX_PAGE)
                .get();
        ctx.json(notes.page(access.caller(ctx), ctx.pathParam("id"), after, limit));
    }

    private void patch(Context ctx) throws JsonProcessingException {
        NoteEdit edit = input.patch(ctx.body());
        ctx.json(notes.edit(access.caller(ctx), ctx.pathParam("id"), edit));
    }

    private void delete(Context ctx) {
        notes.delete(access.caller(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }
}
