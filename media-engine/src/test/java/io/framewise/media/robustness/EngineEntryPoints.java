package io.framewise.media.robustness;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.thumbs.SpriteSheet;
import java.nio.file.Path;

/** Drives the picture side of the engine over a possibly damaged file. */
final class EngineEntryPoints {

    private EngineEntryPoints() {}

    /** Reads the first, a middle and the last frame, then a small sprite sheet; damage may throw. */
    static void readFrames(Path file, FrameMap map) {
        DamagedMediaTest.attempt(file, "frame reader", () -> {
            try (FrameReader reader = FrameReader.open(file, map)) {
                long n = reader.frameCount();
                for (long index : new long[] {0, n / 2, n - 1, n / 3}) {
                    try {
                        StillEncoder.encode(reader.read(index, 64), StillFormat.JPEG);
                    } catch (MediaException damaged) {
                        // Past the damage: the reader must stay usable for the other frames.
                        DamagedMediaTest.attempt(file, "frame " + index, () -> {
                            throw damaged;
                        });
                    }
                }
                SpriteSheet.create(reader, new SpriteSheet.Layout(8, 32, 4, 60));
            }
            return Boolean.TRUE;
        });
    }
}
