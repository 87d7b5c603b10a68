package io.framewise.media.transcode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished browser proxy.
 *
 * @param output the proxy file (H.264 High + AAC-LC in MP4, moov first)
 * @param frameCount frames in the proxy: always the source's frame count
 * @param width proxy picture width (upright, square pixels)
 * @param height proxy picture height
 * @param audio whether the proxy has an audio track
 * @param repeatedFrames source frames that could not be decoded and show the frame before them
 */
public record ProxyResult(Path output, long frameCount, int width, int height, boolean audio, long repeatedFrames) {

    public ProxyResult {
        Objects.requireNonNull(output, "output");
    }
}
