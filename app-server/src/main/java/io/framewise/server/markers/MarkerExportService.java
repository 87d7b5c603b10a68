package io.framewise.server.markers;

import io.framewise.model.notes.MarkerColour;
import io.framewise.server.access.Caller;
import io.framewise.server.http.ApiException;
import io.framewise.server.interchange.markers.MarkerMedia;
import io.framewise.server.interchange.markers.MarkerNote;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NoteView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Notes out as a marker file. Whoever may read a media item's notes may export them: the notes are
 * read through {@link NoteService#list}, which checks that right (a share link's guest needs a link
 * that shows notes), so an export never shows more than the notes list does.
 *
 * <p>Each thread is one marker: the filters apply to its first note (its frames, author and
 * resolution) and its replies fold into the marker's comment.
 */
public final class MarkerExportService {

    /** A finished export: the file's name, content type and bytes. */
    public record Export(String fileName, String contentType, byte[] body) {}

    private final NoteService notes;
    private final MediaRepository media;

    public MarkerExportService(NoteService notes, MediaRepository media) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.media = Objects.requireNonNull(media, "media");
    }

    public Export export(Caller caller, String mediaId, MarkerQuery query) {
        // First: refuses (or hides the media from) whoever may not read its notes.
        List<NoteView> all = notes.list(caller, mediaId).items();
        MediaItem item = media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media " + mediaId, Map.of("media", mediaId)));
        MarkerMedia target = target(item);
        List<MarkerNote> markers = markers(all, query);
        return new Export(
                query.format().fileName(target),
                query.format().contentType(),
                query.format().write(target, markers));
    }

    /** The media's timeline: its rate, start timecode and frames, as probing found them. */
    static MarkerMedia target(MediaItem item) {
        ProbeSummary p = item.probe();
        if (p == null || p.frameRate() == null || p.frameCount() < 1) {
            throw new ApiException.Conflict(
                    "media " + item.id() + " has no video frames to put markers on (status "
                            + item.status().wire() + ")",
                    Map.of("media", item.id(), "status", item.status().wire()));
        }
        try {
            return MarkerMedia.of(
                    item.originalName(),
                    p.frameRate(),
                    p.startTimecode(),
                    p.dropFrame(),
                    p.frameCount(),
                    p.width(),
                    p.height());
        } catch (IllegalArgumentException e) {
            // A start timecode the probe kept but no timeline can carry: count from 00:00:00:00.
            return MarkerMedia.of(
                    item.originalName(), p.frameRate(), null, p.dropFrame(), p.frameCount(), p.width(), p.height());
        }
    }

    /** Threads in the notes' order (frame, then creation), filtered, with their replies folded in. */
    static List<MarkerNote> markers(List<NoteView> all, MarkerQuery query) {
        Map<String, NoteView> roots = new LinkedHashMap<>();
        Map<String, List<MarkerNote.Reply>> replies = new LinkedHashMap<>();
        for (NoteView n : all) {
            if (n.parentId() == null) {
                roots.put(n.id(), n);
            }
        }
        List<NoteView> ordered = new ArrayList<>(all);
        ordered.sort((a, b) -> a.created().compareTo(b.created()));
        for (NoteView n : ordered) {
            if (n.parentId() != null && roots.containsKey(n.parentId())) {
                replies.computeIfAbsent(n.parentId(), k -> new ArrayList<>())
                        .add(new MarkerNote.Reply(n.authorName(), n.text()));
            }
        }
        List<MarkerNote> out = new ArrayList<>();
        for (NoteView n : roots.values()) {
            long last = n.frameOut() == null ? n.frame() : n.frameOut() - 1;
            if (!query.covers(n.frame(), last)
                    || !query.wants(n.resolved())
                    || !query.authors().isEmpty() && !query.authors().contains(n.authorId())) {
                continue;
            }
            // A note without a colour takes each tool's default marker colour.
            out.add(new MarkerNote(
                    n.frame(),
                    n.frameOut(),
                    MarkerColour.parse(n.colour()).orElse(null),
                    n.authorName(),
                    n.text(),
                    n.resolved(),
                    replies.getOrDefault(n.id(), List.of())));
        }
        return out;
    }
}
