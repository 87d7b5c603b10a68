package io.framewise.server.templates;

import io.framewise.media.clip.template.ClipTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored template ready for the engine.
 *
 * @param projectId the template's project, empty for a global template
 * @param files the uploaded files its steps name, by id (what {@code TemplateContext.files} takes)
 */
public record ResolvedTemplate(String id, Optional<String> projectId, ClipTemplate template, Map<String, Path> files) {

    public ResolvedTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(template, "template");
        files = Map.copyOf(files);
    }
}
