package io.framewise.server.subtitles;

import io.framewise.server.db.Database;
import io.framewise.server.media.MediaFiles;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Adds subtitle tracks brought over from another review tool (the Clapshot import). No caller is
 * checked here: the import runs as the server's operator. The file goes through the same checks and
 * conversion as an upload ({@link SubtitleStore}).
 */
public final class SubtitleImport {

    private final Database db;
    private final SubtitleStore store;
    private final SubtitleFiles files;

    public SubtitleImport(Database db, MediaFiles mediaFiles) {
        this.db = db;
        this.files = new SubtitleFiles(mediaFiles);
        this.store = new SubtitleStore(new JooqSubtitleRepository(db), files, db.clock());
    }

    /**
     * Stores {@code data} (SRT, WebVTT or ASS) as a sidecar track of {@code mediaId}, and runs
     * {@code alongside} (the import's ledger row) in the same unit of work: both are kept or neither.
     *
     * @param shift added to every cue's times
     * @return the new track's id
     * @throws io.framewise.server.http.ApiException.BadRequest when the file cannot be read or the
     *     language or label are not acceptable
     */
    public String add(
            String mediaId,
            String language,
            String label,
            boolean defaultTrack,
            byte[] data,
            Duration shift,
            String userId,
            Consumer<String> alongside) {
        String lang = SubtitleInput.language(language);
        String name = SubtitleInput.label(label);
        SubtitleTrack[] made = new SubtitleTrack[1];
        try {
            return db.inTransaction(() -> {
                made[0] = store.add(mediaId, lang, name, defaultTrack, data, shift.toNanos() / 1000, userId);
                alongside.accept(made[0].id());
                return made[0].id();
            });
        } catch (RuntimeException e) {
            if (made[0] != null) {
                files.delete(made[0]);
            }
            throw e;
        }
    }
}
