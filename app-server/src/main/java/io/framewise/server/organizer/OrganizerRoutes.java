package io.framewise.server.organizer;

import io.framewise.organizer.wire.v1.ListFolderResponse;
import io.framewise.organizer.wire.v1.ResourceRef;
import io.framewise.organizer.wire.v1.RunActionResponse;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Principal;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.tags.TagService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP side of organizers: library pages ({@code GET /api/folders}), actions
 * ({@code POST /api/actions}) and organizer states for administrators.
 */
final class OrganizerRoutes implements Feature {

    private final OrganizerPages pages;
    private final TagService tags;
    private final Supplier<List<OrganizerStatus>> statuses;
    private final Function<String, Optional<String>> homeOf;

    /** @param homeOf a user's home project, when they have one */
    OrganizerRoutes(
            OrganizerPages pages,
            TagService tags,
            Supplier<List<OrganizerStatus>> statuses,
            Function<String, Optional<String>> homeOf) {
        this.pages = pages;
        this.tags = tags;
        this.statuses = statuses;
        this.homeOf = homeOf;
    }

    record ActionBody(String organizer, String action, String path, Target target, Map<String, String> parameters) {}

    record Target(String type, String id) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/folders", this::folder);
        cfg.routes.post("/api/actions", this::action);
        cfg.routes.get("/api/admin/organizers", this::statuses);
    }

    private void folder(Context ctx) {
        String path = Objects.requireNonNullElse(ctx.queryParam("path"), "/");
        int pageSize = intParam(ctx, "pageSize", 0, 1000, 0);
        String token = Objects.requireNonNullElse(ctx.queryParam("pageToken"), "");
        if (!path.startsWith("/") || path.length() > 2000) {
            throw new ApiException.Invalid(
                    "path must start with '/' and be at most 2000 characters", Map.of("field", "path"));
        }
        Principal me = Access.principal(ctx);
        OrganizerPages.Page page = pages.folderPage(me, path, pageSize, token);
        ctx.json(pageView(me, page));
    }

    private Map<String, Object> pageView(Principal me, OrganizerPages.Page page) {
        ListFolderResponse p = page.page();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", p.getPath());
        m.put("title", p.getTitle());
        m.put("organizer", page.organizer());
        m.put("projectId", projectOf(p.getPath()));
        m.put(
                "breadcrumbs",
                p.getBreadcrumbsList().stream()
                        .map(b -> Map.of("path", b.getPath(), "name", b.getName()))
                        .toList());
        m.put(
                "folders",
                p.getFoldersList().stream()
                        .map(f -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("path", f.getPath());
                            e.put("name", f.getName());
                            e.put("folderId", f.getFolderId().isEmpty() ? null : f.getFolderId());
                            e.put("position", f.getPosition());
                            return e;
                        })
                        .toList());
        // Who may open which asset, and the tags, asked once for the page rather than per asset.
        List<String> ids =
                p.getAssetsList().stream().map(a -> a.getAssetId()).distinct().toList();
        java.util.Set<String> viewable = pages.viewable(me, ids);
        Map<String, List<String>> tagsOf =
                tags.tags(ids.stream().filter(viewable::contains).toList());
        List<Map<String, Object>> assets = new ArrayList<>();
        for (var a : p.getAssetsList()) {
            if (viewable.contains(a.getAssetId())) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", a.getAssetId());
                e.put("title", a.getTitle());
                e.put("tags", tagsOf.getOrDefault(a.getAssetId(), List.of()));
                assets.add(e);
            }
        }
        m.put("assets", assets);
        m.put(
                "actions",
                page.actions().stream()
                        .map(a -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("organizer", a.organizer());
                            e.put("id", a.action().getId());
                            e.put("label", a.action().getLabel());
                            e.put("description", a.action().getDescription());
                            e.put("targetType", a.action().getTargetType());
                            return e;
                        })
                        .toList());
        m.put("nextPageToken", p.getNextPageToken().isEmpty() ? null : p.getNextPageToken());
        return m;
    }

    /**
     * The project a page's assets are filed in, so a client uploads into it without guessing: the
     * project of {@code /projects/<id>/...}, the owner's home project for {@code /users/<id>/...}
     * (null until they have one), else null. The caller may already see the page, so the id tells
     * nothing new.
     */
    private String projectOf(String path) {
        String[] s = path.split("/");
        if (s.length < 3 || !s[0].isEmpty()) {
            return null;
        }
        if (s[1].equals("projects")) {
            return s[2];
        }
        if (s[1].equals("users")) {
            return homeOf.apply(s[2]).orElse(null);
        }
        return null;
    }

    private void action(Context ctx) {
        ActionBody body = Bodies.read(ctx, ActionBody.class);
        if (body.organizer() == null || body.organizer().isBlank()) {
            throw new ApiException.Invalid("name the organizer that offers the action", Map.of("field", "organizer"));
        }
        if (body.action() == null || body.action().isBlank()) {
            throw new ApiException.Invalid("name the action", Map.of("field", "action"));
        }
        ResourceRef.Builder target = ResourceRef.newBuilder();
        if (body.target() != null) {
            target.setType(Objects.requireNonNullElse(body.target().type(), ""))
                    .setId(Objects.requireNonNullElse(body.target().id(), ""));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body.parameters() != null) {
            body.parameters().forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new ApiException.Invalid(
                            "parameters are names with text values", Map.of("field", "parameters"));
                }
                parameters.put(k, v);
            });
        }
        RunActionResponse done = pages.runAction(
                Access.principal(ctx),
                body.organizer(),
                body.action(),
                target.build(),
                Objects.requireNonNullElse(body.path(), ""),
                parameters);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", done.getMessage());
        m.put("navigatePath", done.getNavigatePath().isEmpty() ? null : done.getNavigatePath());
        ctx.json(m);
    }

    private static int intParam(Context ctx, String name, int min, int max, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, like an out-of-range number.
        }
        throw new ApiException.Invalid(
                name + " must be a whole number from " + min + " to " + max + ", got " + raw, Map.of("field", name));
    }

    private void statuses(Context ctx) {
        Principal me = Access.principal(ctx);
        if (!(me instanceof Principal.Person person) || !person.admin()) {
            throw new ApiException.Forbidden("only administrators see organizer states");
        }
        ctx.json(statuses.get().stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("state", s.state());
                    m.put("builtIn", s.builtIn());
                    m.put("command", s.command());
                    m.put("version", s.version());
                    m.put("apiVersion", s.apiVersion());
                    m.put("hooks", s.hooks());
                    m.put("restarts", s.restarts());
                    m.put("lastError", s.lastError());
                    m.put("since", s.since().toString());
                    return m;
                })
                .toList());
    }
}
