package io.framewise.media.hls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A finished ladder.
 *
 * @param folder the ladder's folder: {@value HlsLadder#MASTER} and one folder per rendition
 * @param renditions the rungs written, largest first
 * @param repeatedFrames source frames that could not be decoded and show the frame before them
 */
public record HlsResult(Path folder, List<HlsRendition> renditions, long repeatedFrames) {

    public HlsResult {
        Objects.requireNonNull(folder, "folder");
        renditions = List.copyOf(renditions);
    }

    public Path master() {
        return folder.resolve(HlsLadder.MASTER);
    }
}
