package io.framewise.server.media;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/**
 * A derived file of a media item; at most one per kind.
 *
 * @param path relative to the data folder (a folder for stills)
 * @param detailsJson kind-specific facts (sprite grid, waveform resolution...), or {@code null}
 */
public record Rendition(
        String id,
        String mediaId,
        RenditionKind kind,
        String path,
        MediaStatus status,
        String detailsJson,
        Instant created,
        Instant updated) {

    public Rendition {
        Ids.require("id", id);
        Ids.require("mediaId", mediaId);
        Require.present("kind", kind);
        Require.text("path", path, 1024);
        Require.present("status", status);
        Require.optionalText("detailsJson", detailsJson, 1 << 20);
        Require.present("created", created);
        Require.present("updated", updated);
    }
}
