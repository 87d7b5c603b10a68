package io.framewise.server.templates;

/** An uploaded file for template steps. */
public record TemplateFile(String id, String kind, String name, long sizeBytes, String uploadedBy) {}
