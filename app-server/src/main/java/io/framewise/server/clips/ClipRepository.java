package io.framewise.server.clips;

import io.framewise.media.clip.ClipMode;
import java.util.Optional;

/** The clips: which media items were cut from which source frames, and what the cut gave. */
public interface ClipRepository {

    /** Stores a clip not yet cut (its media item exists already, in the same unit of work). */
    void create(Clip clip);

    /** The clip whose media item is {@code mediaId}, if that item is a clip. */
    Optional<Clip> get(String mediaId);

    /**
     * Records what cutting gave: the source frames the clip holds, whether they snapped to keyframes,
     * and the mode used. @return whether the clip exists
     */
    boolean recordCut(String mediaId, long actualIn, long actualOut, boolean snapped, ClipMode used);
}
