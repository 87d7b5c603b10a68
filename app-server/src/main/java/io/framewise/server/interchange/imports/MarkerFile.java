package io.framewise.server.interchange.imports;

import java.util.List;

/** What a reader found in a file: its format's name, the notes, and the lines it skipped. */
record MarkerFile(String format, List<FoundNote> notes, List<Skipped> skipped) {

    MarkerFile {
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
    }
}
