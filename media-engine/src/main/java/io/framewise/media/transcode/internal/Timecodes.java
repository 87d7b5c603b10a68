package io.framewise.media.transcode.internal;

import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.probe.internal.ProbeReader;
import io.framewise.model.time.Timecode;
import java.util.Optional;

/**
 * Carries the source's timecode into proxies and clips: an output starting at source frame N is
 * labelled with the source's start timecode plus N, so an editor's NLE lines it up with the original.
 */
public final class Timecodes {

    private Timecodes() {}

    /** The timecode of source frame {@code index}, when the source has a start timecode. */
    public static Optional<String> atFrame(MediaInput source, FrameMap map, long index) {
        return ProbeReader.startTimecode(source).flatMap(label -> {
            try {
                Timecode start = Timecode.parse(label);
                return Optional.of(
                        Timecode.ofIndex(index, start, map.frameRate()).toString());
            } catch (IllegalArgumentException notForThisRate) {
                // A label that does not fit the stream's rate (e.g. drop-frame on 25 fps) is not carried.
                return Optional.empty();
            }
        });
    }

    /** Labels {@code output} with the timecode of source frame {@code index}, when there is one. */
    public static void carry(MediaInput source, FrameMap map, long index, OutputFile output) {
        atFrame(source, map, index).ifPresent(output::setTimecode);
    }
}
