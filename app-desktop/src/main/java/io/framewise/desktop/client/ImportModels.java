package io.framewise.desktop.client;

import java.util.List;

/** The answer of {@code POST /api/media/{id}/edl}: what an EDL or marker file import did or would do. */
public final class ImportModels {

    private ImportModels() {}

    /** A note as imported (in a dry run without id). */
    public record ImportedNote(String id, long frame, Long frameOut, String text, String colour) {}

    /** A line (marker) not imported and why; line 0 where the format has no lines. */
    public record Skipped(int line, String reason) {}

    public record NoteImport(
            String format,
            boolean dryRun,
            int created,
            int existing,
            List<Skipped> skipped,
            List<ImportedNote> notes) {}
}
