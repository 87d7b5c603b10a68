package io.framewise.server.scenes;

import io.framewise.server.db.Ids;
import java.time.Instant;
import java.util.Objects;

/**
 * A suggested marker: a hard cut found in a media item, at the first frame of the new shot.
 *
 * @param score how abrupt the change was, 0 to 1
 */
public record SceneCut(String id, String mediaId, long frame, double score, Instant created) {

    public SceneCut {
        Ids.require("id", id);
        Ids.require("mediaId", mediaId);
        if (frame < 1) {
            throw new IllegalArgumentException("a cut starts at frame 1 or later, was " + frame);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a cut's score is between 0 and 1, was " + score);
        }
        Objects.requireNonNull(created, "created");
    }
}
