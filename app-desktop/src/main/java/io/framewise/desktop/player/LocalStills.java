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
        return reader.frameCount();
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
