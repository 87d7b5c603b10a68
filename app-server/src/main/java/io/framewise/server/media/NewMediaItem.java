package io.framewise.server.media;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.util.regex.Pattern;

/**
 * A media item about to be stored. The id comes first because the file's place in the data
 * folder is named after it.
 *
 * @param originalName the uploaded file's name, 1 to 255 characters
 * @param storedPath where the original lies, relative to the data folder, 1 to 1024 characters
 * @param sha256 the original's SHA-256 in lowercase hex, or {@code null} when not computed yet
 * @param uploadedBy the user who uploaded it, or {@code null} (watched folder): who may see it before
 *     it is filed into a project
 */
public record NewMediaItem(
        String id, String originalName, String storedPath, long sizeBytes, String sha256, String uploadedBy) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public NewMediaItem {
        Ids.require("id", id);
        Require.text("originalName", originalName, 255);
        Require.text("storedPath", storedPath, 1024);
        Require.range("sizeBytes", sizeBytes, 0, Long.MAX_VALUE);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        Ids.optional("uploadedBy", uploadedBy);
    }

    /** An item nobody in particular uploaded. */
    public NewMediaItem(String id, String originalName, String storedPath, long sizeBytes, String sha256) {
        this(id, originalName, storedPath, sizeBytes, sha256, null);
    }
}
