package io.framewise.desktop.player;

import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import java.nio.file.Path;

/** Stills decoded on this machine by the media engine's {@link FrameReader} (local files, host mode). */
public final class LocalStills implements StillSource {

    private final FrameReader reader;

    public LocalStills(Path file) {
        this.reader = FrameReader.open(file);
    }

    public int frameCount() {
        // The player counts frames in int; the engine in long (ADR 0032): a video past 2^31 frames fails here.
        return Math.toIntExact(reader.frameCount());
    }

    /** The keyframe indices, ascending, from the frame map. */
    public int[] keyframes() {
        var map = reader.frameMap();
        int[] out = new int[Math.toIntExact(map.keyframeCount())];
        for (int i = 0, k = 0; i < map.frameCount() && k < out.length; i++) {
            if (map.isKeyframe(i)) {
                out[k++] = i;
            }
        }
        return out;
    }

    @Override
    public StillImage load(int index) {
        Picture p = reader.read(index);
        return StillImage.fromRgb(index, p.width(), p.height(), p.rgb(), p.stride());
    }

    @Override
    public void close() {
        reader.close();
    }
}
