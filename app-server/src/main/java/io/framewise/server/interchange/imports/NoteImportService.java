package io.framewise.server.interchange.imports;

import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notes.NewNote;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.notes.NoteService;
import io.framewise.server.notes.NoteView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports the markers of an EDL, FCP7 XML, FCPXML or OTIO file as notes on a media item (ADR 0039).
 *
 * <p>A file's notes sit on its timeline's timecode; they land on the media item's frames through the
 * media's start timecode and frame rate (files other than FCPXML and OTIO declare no rate), shifted
 * by {@code offset} frames when the timeline starts elsewhere. Notes outside the media's frames are
 * skipped with the reason. Each note carries an import key (media, frames, text), so importing the
 * same file again finds its notes ({@code existing}) instead of writing them twice.
 *
 * <p>Writing is the notes' own: the caller needs {@link Action#NOTE_CREATE} on the media item, and
 * every note is audited and announced like one written by hand.
 */
public final class NoteImportService {

    /** The largest file accepted, in bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The most notes one file may bring. */
    public static final int MAX_NOTES = 10_000;

    static final String PLACEHOLDER = "Marker";

    /** What the caller asks for besides the file. */
    public record Options(boolean dryRun, long offset, boolean events) {}

    private final MediaRepository media;
    private final NoteRepository notes;
    private final NoteService noteService;
    private final Permissions permissions;

    public NoteImportService(
            MediaRepository media, NoteRepository notes, NoteService noteService, Permissions permissions) {
        this.media = Objects.requireNonNull(media, "media");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.noteService = Objects.requireNonNull(noteService, "noteService");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    public ImportResult importFile(Caller caller, String mediaId, byte[] body, Options options) {
        permissions.require(caller, Action.NOTE_CREATE, new Resource.Media(mediaId));
        MediaItem item = media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media " + mediaId, Map.of("media", mediaId)));
        Timeline timeline = Timeline.of(item);
        MarkerFile file = MarkerFormats.read(body, options.events());
        if (file.notes().size() > MAX_NOTES) {
            throw new ApiException.Invalid(
                    "the file has " + file.notes().size() + " notes; at most " + MAX_NOTES + " are imported at once",
                    Map.of("max", MAX_NOTES));
        }
        String authorId = NoteService.authorOf(caller);
        Note.GuestAuthor guest = NoteService.guestOf(caller);
        List<Skipped> skipped = new ArrayList<>(file.skipped());
        Map<String, Integer> firstLine = new HashMap<>();
        List<NewNote> candidates = new ArrayList<>();
        for (int i = 0; i < file.notes().size(); i++) {
            FoundNote found = file.notes().get(i);
            String where = found.line() > 0 ? "" : "marker " + (i + 1) + ": ";
            long frame;
            long frameOut;
            try {
                frame = timeline.index(found.at(), found.counted(), options.offset());
                frameOut = found.end() != null
                        ? timeline.index(found.end(), found.counted(), options.offset())
                        : frame + Math.max(1, found.frames());
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(found.line(), where + e.getMessage()));
                continue;
            }
            if (frame < 0 || frame >= timeline.frameCount()) {
                skipped.add(new Skipped(
                        found.line(),
                        where + found.at() + " is frame " + frame + " of the media, outside its frames 0.."
                                + (timeline.frameCount() - 1) + " (start timecode " + timeline.start() + ")"));
                continue;
            }
            // A range running past the media's end keeps the part on the media.
            frameOut = Math.min(frameOut, timeline.frameCount());
            String text = found.text() == null ? "" : found.text().strip();
            if (text.isEmpty()) {
                text = PLACEHOLDER;
            }
            if (text.length() > Note.MAX_TEXT) {
                skipped.add(
                        new Skipped(found.line(), where + "the text is longer than " + Note.MAX_TEXT + " characters"));
                continue;
            }
            Long out = frameOut > frame + 1 ? frameOut : null;
            String key = key(item.id(), frame, out, text);
            Integer earlier = firstLine.putIfAbsent(key, found.line());
            if (earlier != null) {
                skipped.add(new Skipped(found.line(), where + "the same note as line " + earlier));
                continue;
            }
            candidates.add(new NewNote(item.id(), null, frame, out, text, null, authorId, guest, found.colour(), key));
        }
        Set<String> known = notes.importKeys(
                item.id(), candidates.stream().map(NewNote::importKey).toList());
        List<NewNote> fresh =
                candidates.stream().filter(n -> !known.contains(n.importKey())).toList();
        int existing = candidates.size() - fresh.size();
        List<NoteView> views =
                options.dryRun() ? fresh.stream().map(noteService::preview).toList() : createOrCount(caller, fresh);
        return new ImportResult(file.format(), options.dryRun(), views.size(), existing, skipped, views);
    }

    private List<NoteView> createOrCount(Caller caller, List<NewNote> fresh) {
        try {
            return noteService.createImported(caller, fresh);
        } catch (RuntimeException e) {
            if (isKeyClash(e)) {
                // Another import of the same file committed first: nothing was written by this one.
                throw new ApiException.Conflict(
                        "the same notes were imported at the same time; import again to see what exists", Map.of());
            }
            throw e;
        }
    }

    private static boolean isKeyClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("notes.import_key") || m != null && m.contains("notes_by_import_key")) {
                return true;
            }
        }
        return false;
    }

    /** What identifies an imported note on a media item: its frames and its text. */
    static String key(String mediaId, long frame, Long frameOut, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String s = "marker\u0000" + mediaId + "\u0000" + frame + "\u0000" + frameOut + "\u0000" + text;
            return HexFormat.of().formatHex(sha.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The media item's frames as timecode labels see them. */
    private record Timeline(Timecode start, FrameRate rate, long frameCount) {

        static Timeline of(MediaItem item) {
            ProbeSummary p = item.probe();
            if (p == null || p.frameCount() < 1) {
                throw new ApiException.Conflict(
                        "media " + item.id() + " has no frames to put notes on yet (status "
                                + item.status().wire() + ")",
                        Map.of("media", item.id(), "status", item.status().wire()));
            }
            if (p.frameRate() == null) {
                throw new ApiException.Conflict(
                        "media " + item.id() + " has no frame rate (audio only): timecodes cannot be placed",
                        Map.of("media", item.id()));
            }
            Timecode start;
            try {
                start = p.startTimecode() == null
                        ? new Timecode(0, 0, 0, 0, p.dropFrame())
                        : relabel(Timecode.parse(p.startTimecode()), p.dropFrame());
                start.toFrameCount(p.frameRate());
            } catch (IllegalArgumentException e) {
                start = new Timecode(0, 0, 0, 0, false);
            }
            return new Timeline(start, p.frameRate(), p.frameCount());
        }

        /**
         * The frame a label names, less the start, plus the offset. A typed label (an EDL's) is read
         * in the media's counting mode: the media's drop-frame flag, not the file's separators,
         * decides which frame it means. A label made from a frame count keeps its own mode.
         */
        long index(Timecode label, boolean counted, long offset) {
            Timecode l = counted ? label : relabel(label, start.dropFrame());
            return Math.addExact(l.toFrameCount(rate) - start.toFrameCount(rate), offset);
        }

        private static Timecode relabel(Timecode t, boolean drop) {
            return t.dropFrame() == drop ? t : new Timecode(t.hours(), t.minutes(), t.seconds(), t.frames(), drop);
        }
    }
}
