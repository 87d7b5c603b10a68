package io.framewise.server.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.ClipTemplates;
import io.framewise.media.clip.template.TemplateException;
import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.db.Ids;
import io.framewise.server.http.ApiException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Templates per project (editors write, members read) and global ones (admins write, everyone signed
 * in reads), checked strictly with the engine's own parser, and every file id in their steps checked
 * for the caller. Decisions go through the one authorizer ({@link Action#TEMPLATE_USE},
 * {@link Action#TEMPLATE_MANAGE} on the project, or on the server for global templates).
 */
public final class TemplateService implements TemplateResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JooqTemplateRepository repository;
    private final TemplateFiles files;
    private final AccessFacts facts;
    private final Permissions permissions;
    private final Clock clock;

    public TemplateService(
            JooqTemplateRepository repository,
            TemplateFiles files,
            AccessFacts facts,
            Permissions permissions,
            Clock clock) {
        this.repository = repository;
        this.files = files;
        this.facts = facts;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Global templates and those of projects the caller can see (or of {@code projectId} only). */
    public List<ObjectNode> list(Caller caller, Optional<String> projectId) {
        Principal.Person person = caller.person();
        Set<String> projects;
        if (projectId.isPresent()) {
            permissions.require(caller, Action.TEMPLATE_USE, new Resource.Project(projectId.get()));
            projects = Set.of(projectId.get());
        } else if (person.admin()) {
            return repository.list(null).stream().map(this::view).toList();
        } else {
            projects = facts.roles(person.userId()).keySet();
        }
        return repository.list(projects).stream().map(this::view).toList();
    }

    public ObjectNode get(Caller caller, String id) {
        return view(visible(caller, id, Action.TEMPLATE_USE));
    }

    public ObjectNode create(Caller caller, String body) {
        JsonNode tree = tree(body);
        String projectId = projectId(tree);
        permissions.require(caller, Action.TEMPLATE_MANAGE, scope(projectId));
        ClipTemplate template = parse(body);
        checkFiles(caller, template, Set.of());
        Instant now = clock.instant();
        StoredTemplate stored =
                new StoredTemplate(Ids.newId(), projectId, template.name(), ClipTemplates.toJson(template), now, now);
        repository.insert(stored);
        return view(stored);
    }

    public ObjectNode update(Caller caller, String id, String body) {
        // The body's shape is checked first, as on every JSON route: 400 before 404.
        JsonNode tree = tree(body);
        StoredTemplate old = visible(caller, id, Action.TEMPLATE_MANAGE);
        if (tree.has("projectId") && !java.util.Objects.equals(projectId(tree), old.projectId())) {
            throw new ApiException.BadRequest("projectId cannot change; create a template in the other project");
        }
        ClipTemplate template = parse(body);
        ClipTemplate before = ClipTemplates.parse(old.json());
        Set<String> kept = new java.util.HashSet<>(before.imageIds());
        kept.addAll(before.subtitleFileIds());
        checkFiles(caller, template, kept);
        Instant now = clock.instant();
        repository.update(id, template.name(), ClipTemplates.toJson(template), now);
        return view(repository.get(id).orElseThrow());
    }

    public void delete(Caller caller, String id) {
        visible(caller, id, Action.TEMPLATE_MANAGE);
        repository.delete(id);
    }

    @Override
    public ResolvedTemplate resolve(Caller caller, String templateId) {
        StoredTemplate stored = visible(caller, templateId, Action.TEMPLATE_USE);
        ClipTemplate template = ClipTemplates.parse(stored.json());
        return new ResolvedTemplate(stored.id(), Optional.ofNullable(stored.projectId()), template, filesOf(template));
    }

    /** The template of an unsaved body (preview), its files checked for the caller. */
    public ResolvedTemplate unsaved(Caller caller, String body) {
        caller.person();
        JsonNode tree = tree(body);
        String projectId = projectId(tree);
        if (projectId != null) {
            permissions.require(caller, Action.TEMPLATE_USE, new Resource.Project(projectId));
        }
        ClipTemplate template = parse(body);
        checkFiles(caller, template, Set.of());
        return new ResolvedTemplate("unsaved", Optional.ofNullable(projectId), template, filesOf(template));
    }

    private Map<String, Path> filesOf(ClipTemplate template) {
        Map<String, Path> out = new HashMap<>();
        for (String id : template.imageIds()) {
            out.put(id, files.path(id));
        }
        for (String id : template.subtitleFileIds()) {
            out.put(id, files.path(id));
        }
        return out;
    }

    /** Each file a step names exists, is of the step's kind, and is the caller's (or kept from before). */
    private void checkFiles(Caller caller, ClipTemplate template, Set<String> kept) {
        Principal.Person person = caller.person();
        for (int i = 0; i < template.steps().size(); i++) {
            ClipTemplate.Step step = template.steps().get(i);
            String id;
            String kind;
            String field;
            if (step instanceof ClipTemplate.Image image) {
                id = image.imageId();
                kind = "image";
                field = "steps[" + i + "].imageId";
            } else if (step instanceof ClipTemplate.Subtitles sub && !sub.fromTrack()) {
                // A track is the source's: the clip checks it against the media it cuts.
                id = sub.fileId();
                kind = "subtitles";
                field = "steps[" + i + "].fileId";
            } else {
                continue;
            }
            Optional<TemplateFile> file = repository.file(id);
            boolean mine = file.isPresent()
                    && (person.admin()
                            || kept.contains(id)
                            || person.userId().equals(file.get().uploadedBy()));
            if (!mine) {
                throw new ApiException.BadRequest(field + " names no file you uploaded: " + id);
            }
            if (!file.get().kind().equals(kind)) {
                throw new ApiException.BadRequest(
                        field + " names a " + file.get().kind() + " file, not " + kind);
            }
        }
    }

    /** The stored template when the caller may do {@code action} with it; 404 when they may not see it. */
    private StoredTemplate visible(Caller caller, String id, Action action) {
        caller.person();
        StoredTemplate t = repository.get(id).orElseThrow(() -> new ApiException.NotFound("no such template: " + id));
        if (action == Action.TEMPLATE_MANAGE && t.projectId() != null) {
            // Seeing comes first: a stranger to the project gets 404, a viewer 403.
            permissions.require(caller, Action.TEMPLATE_USE, scope(t.projectId()));
        }
        permissions.require(caller, action, scope(t.projectId()));
        return t;
    }

    private static Resource scope(String projectId) {
        return projectId == null ? Resource.SERVER : new Resource.Project(projectId);
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ApiException.BadRequest("send a template: {\"projectId\",\"name\",\"steps\",\"output\"}");
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException.BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String projectId(JsonNode tree) {
        JsonNode p = tree.get("projectId");
        if (p == null || p.isNull()) {
            return null;
        }
        if (!p.isTextual() || !Ids.isValid(p.textValue())) {
            throw new ApiException.BadRequest("projectId must be a project id or null");
        }
        return p.textValue();
    }

    private static ClipTemplate parse(String body) {
        try {
            return ClipTemplates.parse(body, Set.of("projectId"));
        } catch (TemplateException e) {
            throw new ApiException.BadRequest(e.getMessage(), Map.of("field", e.path()), e);
        }
    }

    private ObjectNode view(StoredTemplate t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        if (t.projectId() == null) {
            o.putNull("projectId");
        } else {
            o.put("projectId", t.projectId());
        }
        ClipTemplate template = ClipTemplates.parse(t.json());
        o.put("name", template.name());
        o.set("steps", ClipTemplates.stepsTree(template.steps()));
        o.set("output", ClipTemplates.outputTree(template.output()));
        o.put("createdAt", t.createdAt().toString());
        o.put("updatedAt", t.updatedAt().toString());
        return o;
    }
}
