package io.framewise.organizer.sdk;

import java.time.Instant;

/**
 * A media item as the server describes it.
 *
 * @param status {@code processing}, {@code ready} or {@code failed}
 * @param frameRate a rational "num/den", empty until probed
 * @param assetId the asset it is a version of, empty when none
 * @param uploaderUserId who uploaded it, empty when nobody did (the watched folder)
 */
public record MediaInfo(
        String id,
        String originalName,
        String status,
        String error,
        long frameCount,
        String frameRate,
        String assetId,
        String uploaderUserId,
        Instant created) {}
