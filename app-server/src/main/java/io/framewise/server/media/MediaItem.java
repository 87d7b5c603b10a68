package io.framewise.server.media;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored original and what processing learned about it.
 *
 * @param storedPath the original's path relative to the data folder
 * @param sha256 lowercase hex, or {@code null} when not computed
 * @param error why processing failed; {@code null} unless {@code status} is failed
 * @param probe what probing found; {@code null} until the probe is done
 * @param frameMapPath the frame map's path relative to the data folder, or {@code null}
 */
public record MediaItem(
        String id,
        String originalName,
        String storedPath,
        long sizeBytes,
        String sha256,
        MediaStatus status,
        String error,
        ProbeSummary probe,
        String frameMapPath,
        Instant created,
        Instant updated) {

    /** The longest failure reason kept; longer ones are cut. */
    public static final int MAX_ERROR = 2000;

    public MediaItem {
        Ids.require("id", id);
        Require.text("originalName", originalName, 255);
        Require.text("storedPath", storedPath, 1024);
        Require.range("sizeBytes", sizeBytes, 0, Long.MAX_VALUE);
        Require.present("status", status);
        Require.optionalText("error", error, MAX_ERROR);
        Require.optionalText("frameMapPath", frameMapPath, 1024);
        Require.present("created", created);
        Require.present("updated", updated);
    }

    public Optional<ProbeSummary> probeSummary() {
        return Optional.ofNullable(probe);
    }
}
