package io.framewise.desktop.player;

import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import java.nio.file.Path;
import java.util.stream.LongStream;

/** Stills decoded on this machine by the media engine's {@link FrameReader} (local files, host mode). */
public final class LocalStills implements StillSource {

    private final FrameReader reader;

    public LocalStills(Path file) {
        this.reader = FrameReader.open(file);
    }

    public long frameCount() {
        return reader.frameCount();
    }

    /** The keyframe indices, ascending, from the frame map. */
    public long[] keyframes() {
        var map = reader.frameMap();
        return LongStream.range(0, map.frameCount()).filter(map::isKeyframe).toArray();
    }

    @Override
    public StillImage load(long index) {
        Picture p = reader.read(index);
        return StillImage.fromRgb(index, p.width(), p.height(), p.rgb(), p.stride());
    }

    @Override
    public void close() {
        reader.close();
    }
}
