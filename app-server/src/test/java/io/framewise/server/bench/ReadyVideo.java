package io.framewise.server.bench;

import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRate;
import io.framewise.server.db.Database;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Enters a generated 1080p 25 fps video straight into a benchmark's library as a ready item with
 * one rendition (and its frame map when {@code withFrameMap}), so a benchmark measures serving, not
 * ingest.
 */
final class ReadyVideo {

    private ReadyVideo() {}

    /**
     * Puts {@code source} in place as item {@code id}'s original in {@code dataDir}: a hard link when
     * the file system allows (a long benchmark source is not copied for every run), else a copy.
     */
    static Path placeOriginal(Path dataDir, String id, Path source) throws IOException {
        Path itemDir = dataDir.resolve("media").resolve(id);
        Files.createDirectories(itemDir);
        Path original = itemDir.resolve("original.mp4");
        try {
            Files.createLink(original, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, original);
        }
        return original;
    }

    static void register(
            Path dataDir,
            String id,
            String name,
            Path original,
            FrameMap map,
            boolean hasAudio,
            boolean withFrameMap,
            RenditionKind kind,
            String renditionPath)
            throws IOException {
        try (Database db = Database.open(dataDir)) {
            MediaRepository media = new JooqMediaRepository(db);
            media.create(new NewMediaItem(id, name, "media/" + id + "/original.mp4", Files.size(original), null));
            media.setProbe(
                    id,
                    new ProbeSummary(
                            map.frameCount(),
                            FrameRate.FPS_25,
                            null,
                            false,
                            1920,
                            1080,
                            Math.round(map.durationSeconds() * 1e6),
                            hasAudio,
                            "{}"));
            if (withFrameMap) {
                media.setFrameMapPath(id, "media/" + id + "/" + MediaFiles.FRAME_MAP);
            }
            media.putRendition(id, kind, "media/" + id + "/" + renditionPath, MediaStatus.READY, "{}");
            media.markReady(id);
        }
    }
}
