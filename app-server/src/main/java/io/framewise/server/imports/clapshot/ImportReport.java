package io.framewise.server.imports.clapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, per kind of thing (created, already there from an earlier run, not mapped), and
 * the list of what it could not map or had to change, each naming the Clapshot object.
 */
public final class ImportReport {

    /** One thing worth telling: {@code kind} and {@code sourceId} name the Clapshot object. */
    public record Entry(String kind, String sourceId, String message) {}

    /** How many of a kind were created now, found from an earlier run, or left out. */
    public static final class Count {
        public int created;
        public int already;
        public int skipped;
    }

    private final boolean dryRun;
    private final Map<String, Count> counts = new LinkedHashMap<>();
    private final List<Entry> notMapped = new ArrayList<>();
    private final List<Entry> adjusted = new ArrayList<>();

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
        for (String kind :
                List.of("users", "former_users", "homes", "folders", "media", "notes", "attachments", "subtitles")) {
            counts.put(kind, new Count());
        }
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Count count(String kind) {
        return counts.computeIfAbsent(kind, k -> new Count());
    }

    public Map<String, Count> counts() {
        return counts;
    }

    /** Left out: nothing here stands for it. */
    void notMapped(String kind, String sourceId, String message) {
        notMapped.add(new Entry(kind, sourceId, message));
    }

    /** Brought over, but not exactly as it was (said so here). */
    void adjusted(String kind, String sourceId, String message) {
        adjusted.add(new Entry(kind, sourceId, message));
    }

    public List<Entry> notMapped() {
        return notMapped;
    }

    public List<Entry> adjusted() {
        return adjusted;
    }

    /** The summary printed at the end: one line per kind, then what was not mapped. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? "would create" : "created";
        counts.forEach((kind, c) -> lines.add(String.format(
                "%-12s %s %d, already imported %d, not mapped %d",
                kind.replace('_', ' '), verb, c.created, c.already, c.skipped)));
        if (!notMapped.isEmpty()) {
            lines.add("Not mapped (" + notMapped.size() + "):");
            notMapped.forEach(e -> lines.add("  " + e.kind() + " " + e.sourceId() + ": " + e.message()));
        }
        if (!adjusted.isEmpty()) {
            lines.add("Brought over with changes (" + adjusted.size() + "):");
            adjusted.forEach(e -> lines.add("  " + e.kind() + " " + e.sourceId() + ": " + e.message()));
        }
        return lines;
    }

    /** Writes the report as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", "clapshot");
        doc.put("dryRun", dryRun);
        Map<String, Object> countsDoc = new LinkedHashMap<>();
        counts.forEach(
                (k, c) -> countsDoc.put(k, Map.of("created", c.created, "already", c.already, "skipped", c.skipped)));
        doc.put("counts", countsDoc);
        doc.put("notMapped", notMapped);
        doc.put("adjusted", adjusted);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
