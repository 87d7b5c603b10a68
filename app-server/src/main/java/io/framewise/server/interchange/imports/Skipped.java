package io.framewise.server.interchange.imports;

/** A line (or, where a format has no lines, a marker) not imported, and why. */
public record Skipped(int line, String reason) {}
