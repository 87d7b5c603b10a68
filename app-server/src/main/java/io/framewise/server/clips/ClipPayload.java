package io.framewise.server.clips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.ClipTemplates;
import io.framewise.server.http.Json;
import io.framewise.server.templates.ResolvedTemplate;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clip job's parameters: the template as it was when the clip was asked for, with the files it
 * names. The job runs later (after a restart, perhaps) and on behalf of nobody signed in, so it takes
 * the template the caller was shown rather than looking it up again; an edit in between does not
 * change a clip already asked for.
 */
record ClipPayload(ClipTemplate template, Map<String, Path> files) {

    private static final ObjectMapper JSON = Json.newMapper();

    static String of(ResolvedTemplate resolved) {
        ObjectNode root = JSON.createObjectNode();
        root.put("templateId", resolved.id());
        root.set("template", ClipTemplates.toTree(resolved.template()));
        ObjectNode files = root.putObject("files");
        resolved.files().forEach((id, path) -> files.put(id, path.toString()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template a job's payload carries. @throws IllegalArgumentException when it is not one */
    static ClipPayload read(String payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            ClipTemplate template = ClipTemplates.parse(JSON.writeValueAsString(root.get("template")));
            Map<String, Path> files = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                files.put(e.getKey(), Path.of(e.getValue().asText()));
            }
            return new ClipPayload(template, files);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the clip job's template is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
