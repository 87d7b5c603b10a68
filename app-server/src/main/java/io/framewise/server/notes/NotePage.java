package io.framewise.server.notes;

import java.util.List;

/**
 * A media item's notes as {@code GET /api/media/{id}/comments} answers them.
 *
 * @param next the cursor of the following page, or null on the last page (and for a whole list)
 */
public record NotePage(List<NoteView> items, String next) {}
