package io.framewise.server.interchange.imports;

import io.framewise.server.notes.NoteView;
import java.util.List;

/**
 * What an import did, or in a dry run would do.
 *
 * @param format the format the file was read as: cmx3600, fcp7xml, fcpxml or otio
 * @param created how many notes were written (in a dry run: would be)
 * @param existing how many of the file's notes are already on the media item from an earlier import
 * @param skipped the lines (markers) not imported, with why
 * @param notes the notes written, in the note shape; in a dry run without ids and creation times
 */
public record ImportResult(
        String format, boolean dryRun, int created, int existing, List<Skipped> skipped, List<NoteView> notes) {

    public ImportResult {
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }
}
