package io.framewise.server.live;

import java.util.Optional;

/**
 * Where live sessions look up the media they show. The server backs it with the library; clients
 * never get to state a frame count themselves.
 */
@FunctionalInterface
public interface MediaCatalog {

    /** The facts of a media item that can be reviewed now, or empty if unknown or not ready. */
    Optional<MediaFacts> find(String mediaId);
}
