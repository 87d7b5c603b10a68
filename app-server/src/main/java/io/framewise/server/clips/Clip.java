package io.framewise.server.clips;

import io.framewise.media.clip.ClipMode;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import io.framewise.server.media.ClipOrigin;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A clip: its own media item, cut from the source frames [in, out).
 *
 * @param mediaId the clip's media item
 * @param sourceId the media item it is cut from (which may have been removed since)
 * @param mode the mode asked for, and once cut the mode used (a smart cut may fall back)
 * @param templateId the template applied while cutting, or {@code null}
 * @param title what the clip is called (its asset's title when it was made; its download's name)
 * @param copyNotes whether the source's notes in the range are copied onto the clip once it is cut
 * @param actualIn the source frame the clip's frame 0 shows, {@code null} until the clip is cut
 * @param actualOut the exclusive end of the source frames the clip holds, {@code null} until cut
 * @param createdBy who asked for it, or {@code null}
 */
public record Clip(
        String mediaId,
        String sourceId,
        long in,
        long out,
        ClipMode mode,
        String templateId,
        String title,
        boolean copyNotes,
        Long actualIn,
        Long actualOut,
        boolean snapped,
        String createdBy,
        Instant created) {

    public static final int MAX_TITLE = 300;

    public Clip {
        Ids.require("mediaId", mediaId);
        Ids.require("sourceId", sourceId);
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("a clip is frames [in, out) with 0 <= in < out, got [" + in + ", "
                    + out + ")");
        }
        Objects.requireNonNull(mode, "mode");
        Ids.optional("templateId", templateId);
        Require.text("title", title, MAX_TITLE);
        if ((actualIn == null) != (actualOut == null)) {
            throw new IllegalArgumentException("actualIn and actualOut are known together");
        }
        Ids.optional("createdBy", createdBy);
        Require.present("created", created);
    }

    /** Whether the clip's file is written (its job's cutting is done). */
    public boolean cut() {
        return actualIn != null;
    }

    /** The wire name of a mode: copy, smart, reencode. */
    public static String wire(ClipMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    public ClipOrigin origin() {
        return new ClipOrigin(sourceId, in, out, wire(mode), snapped, actualIn, actualOut, templateId);
    }
}
