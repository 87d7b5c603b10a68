package io.framewise.server.live;

import io.framewise.model.time.FrameRate;
import java.util.Objects;

/**
 * What a live session must know about the media item it shows: its frame count bounds every frame
 * index, its frame rate lets followers compute the playhead while playing.
 *
 * @param mediaId the media item (one version of an asset)
 * @param assetId the asset whose version stack holds the item, or null for a loose media item
 */
public record MediaFacts(String mediaId, String assetId, long frameCount, FrameRate frameRate) {

    public MediaFacts {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(frameRate, "frameRate");
        if (frameCount < 1) {
            throw new IllegalArgumentException("a live session needs media with frames, got " + frameCount);
        }
    }
}
