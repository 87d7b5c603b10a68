package io.framewise.server.scenes;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.NoteDraft;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NoteView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Suggested scene markers of a media item: anyone who may view the media sees them; whoever may add
 * notes there accepts them (each becomes a note at its frame and stops being a suggestion) or
 * dismisses them. The permission is checked before the cut is looked up, so a caller without it
 * learns nothing about which cuts exist; a cut of another media item is not found.
 */
public final class SceneCutService {

    /** The text of a note made from a suggestion; the reviewer edits it to say what matters. */
    static final String NOTE_TEXT = "Scene cut";

    /** The suggestions of a media item, and whether detection has run (an empty list means no cuts). */
    public record Suggestions(boolean detected, List<SceneCut> cuts) {}

    private final MediaRepository media;
    private final SceneCutRepository cuts;
    private final NoteService notes;
    private final Permissions permissions;
    private final UnitOfWork work;

    SceneCutService(
            MediaRepository media,
            SceneCutRepository cuts,
            NoteService notes,
            Permissions permissions,
            UnitOfWork work) {
        this.media = Objects.requireNonNull(media, "media");
        this.cuts = Objects.requireNonNull(cuts, "cuts");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.work = Objects.requireNonNull(work, "work");
    }

    public Suggestions list(Caller caller, String mediaId) {
        requireMedia(caller, Action.MEDIA_VIEW, mediaId);
        return new Suggestions(cuts.detected(mediaId), cuts.list(mediaId));
    }

    /** Writes a note at the cut's frame and removes the suggestion, together. */
    public NoteView accept(Caller caller, String mediaId, String cutId) {
        requireMedia(caller, Action.NOTE_CREATE, mediaId);
        return work.inTransaction(() -> {
            SceneCut cut = cut(mediaId, cutId);
            NoteView note = notes.create(caller, mediaId, draft(cut));
            cuts.delete(mediaId, cut.id());
            return note;
        });
    }

    /** Accepts every suggestion of the media item in one unit: all become notes, or none. */
    public List<NoteView> acceptAll(Caller caller, String mediaId) {
        requireMedia(caller, Action.NOTE_CREATE, mediaId);
        return work.inTransaction(() -> {
            List<SceneCut> all = cuts.list(mediaId);
            List<NoteView> made = new ArrayList<>(all.size());
            for (SceneCut cut : all) {
                made.add(notes.create(caller, mediaId, draft(cut)));
            }
            cuts.deleteAll(mediaId, all.stream().map(SceneCut::id).toList());
            return made;
        });
    }

    /** Removes a suggestion without writing a note. */
    public void dismiss(Caller caller, String mediaId, String cutId) {
        requireMedia(caller, Action.NOTE_CREATE, mediaId);
        SceneCut cut = cut(mediaId, cutId);
        cuts.delete(mediaId, cut.id());
    }

    private static NoteDraft draft(SceneCut cut) {
        return new NoteDraft(NOTE_TEXT, cut.frame(), null, null, null);
    }

    private void requireMedia(Caller caller, Action action, String mediaId) {
        permissions.require(caller, action, new Resource.Media(mediaId));
        if (media.get(mediaId).isEmpty()) {
            throw new ApiException.NotFound("No media item " + mediaId, Map.of("id", String.valueOf(mediaId)));
        }
    }

    private SceneCut cut(String mediaId, String cutId) {
        return cuts.get(mediaId, cutId)
                .orElseThrow(() -> new ApiException.NotFound(
                        "No suggested scene cut " + cutId + " on this media item",
                        Map.of("id", String.valueOf(cutId))));
    }
}
