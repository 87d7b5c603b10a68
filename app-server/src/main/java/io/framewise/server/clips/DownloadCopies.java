package io.framewise.server.clips;

import io.framewise.server.access.Caller;
import java.nio.file.Path;

/**
 * Which file a download sends to this caller: the file itself for people, a copy made for them
 * where a share link asks for it (a guest's burned watermark). Implemented outside clips so the
 * download route does not depend on how share links work.
 */
@FunctionalInterface
public interface DownloadCopies {

    /** Sends every caller the file itself. */
    DownloadCopies NONE = (caller, mediaId, file, frameCount, rendition) -> file;

    /**
     * @param file the file the route would send
     * @param frameCount the media's frames
     * @param rendition {@code original} or the rendition's kind
     */
    Path fileFor(Caller caller, String mediaId, Path file, long frameCount, String rendition);
}
