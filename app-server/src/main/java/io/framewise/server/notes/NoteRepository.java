package io.framewise.server.notes;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Review notes. Deleting a note deletes its replies with it (a thread without its first note
 * would lose the context the replies answer); deleting a media item deletes its notes.
 */
public interface NoteRepository {

    /**
     * Writes a note.
     *
     * @throws IllegalArgumentException when the parent is not a note on the same media item
     */
    Note create(NewNote note);

    /** Writes many notes in one transaction (imports, demo data). */
    List<Note> createAll(List<NewNote> notes);

    Optional<Note> get(String id);

    /** The media item's notes ordered by frame, then creation time, then id. */
    List<Note> listByMedia(String mediaId);

    /**
     * One page of the media item's notes in the order of {@link #listByMedia(String)}: the first
     * {@code limit} notes that come after the note {@code afterId} (keyset paging, so a page costs
     * the same however deep it lies), or from the start when {@code afterId} is {@code null}.
     *
     * @throws IllegalArgumentException when {@code afterId} is not a note on this media item
     */
    List<Note> pageByMedia(String mediaId, String afterId, int limit);

    /** Which of {@code keys} are the import keys of notes already on the media item. */
    Set<String> importKeys(String mediaId, Collection<String> keys);

    long countByMedia(String mediaId);

    /**
     * Changes the note in one write: {@code change} gets the stored note and returns the new one
     * (through {@link Note}'s constructor, so it is checked). Empty when there is no such note.
     */
    Optional<Note> update(String id, UnaryOperator<Note> change);

    /** Replaces the text and stamps the edit time. Empty when there is no such note. */
    Optional<Note> updateText(String id, String text);

    /** Replaces (or with {@code null} removes) the drawing and stamps the edit time. */
    Optional<Note> updateDrawing(String id, Drawing drawing);

    /** Resolves the note as {@code userId}, or reopens it when {@code resolved} is false. */
    Optional<Note> setResolved(String id, boolean resolved, String userId);

    /** Deletes the note and its replies. @return whether it existed */
    boolean delete(String id);
}
