package io.framewise.media.check;

import io.framewise.media.MediaException;
import io.framewise.media.check.internal.AudioEnds;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether a file's pictures (or, without pictures, its sound) actually decode at both ends. A damaged
 * file often opens, probes and yields a frame map from its packets, yet its first picture does not
 * decode (a truncated PNG, a VP9 keyframe with flipped bits): such a file must not be offered for
 * review. The first and last frames are the ones every reviewer sees (poster, the end of a cut), and
 * a file cut short fails at its end.
 */
public final class DecodeCheck {

    /** Pictures are decoded this wide: the decode is the test, the picture is thrown away. */
    static final int CHECK_WIDTH = 64;

    private DecodeCheck() {}

    /**
     * Decodes frame 0 and the last frame of {@code map}.
     *
     * @throws MediaException.Corrupt naming the frame that does not decode and why
     */
    public static void firstAndLastFrames(Path file, FrameMap map) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(map, "map");
        try (FrameReader reader = FrameReader.open(file, map)) {
            long last = reader.frameCount() - 1;
            decode(reader, 0, "the first frame (0)");
            if (last > 0) {
                decode(reader, last, "the last frame (" + last + ")");
            }
        }
    }

    private static void decode(FrameReader reader, long index, String which) {
        try {
            reader.read(index, CHECK_WIDTH);
        } catch (MediaException.Corrupt e) {
            throw new MediaException.Corrupt(reader.file(), which + " cannot be decoded: " + withoutFile(e));
        }
    }

    /**
     * Decodes the first audio of the file's main audio stream and, after a seek to its last second,
     * audio at its end.
     *
     * @throws MediaException.Unsupported when the file has no audio stream
     * @throws MediaException.Corrupt naming the end that does not decode
     */
    public static void audioStartAndEnd(Path file) {
        AudioEnds.check(file);
    }

    private static String withoutFile(MediaException e) {
        String message = e.getMessage();
        return e.file().map(f -> message.replace(f + ": ", "")).orElse(message);
    }
}
