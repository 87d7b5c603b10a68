package io.framewise.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The server's answers about clips and clip templates, as the desktop app reads them. */
public final class ClipModels {

    private ClipModels() {}

    /** {@code POST /api/media/{id}/clips}: the clip's media item (processing), its asset and its job. */
    public record ClipQueued(String id, String assetId, String jobId) {}

    /**
     * A clip template; its steps and output stay JSON (the desktop shows the name and passes the id),
     * {@code projectId} is null for a global one.
     */
    public record Template(
            String id,
            String projectId,
            String name,
            JsonNode steps,
            JsonNode output,
            String createdAt,
            String updatedAt) {}

    public record TemplatePage(List<Template> items) {}
}
