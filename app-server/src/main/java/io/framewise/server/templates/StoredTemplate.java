package io.framewise.server.templates;

import java.time.Instant;

/** A template row: its JSON is the engine's format ({"name","steps","output"}). */
public record StoredTemplate(
        String id, String projectId, String name, String json, Instant createdAt, Instant updatedAt) {}
