package io.framewise.server.scenes;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Suggested cuts written straight into a server's database, for tests of the routes around them. */
public final class SuggestedCuts {

    private SuggestedCuts() {}

    /** A new suggestion at {@code frame} of the media item; its id. */
    public static String add(Path dataDir, String mediaId, long frame) {
        String id = Ids.newId();
        try (Database db = Database.open(dataDir)) {
            new JooqSceneCutRepository(db)
                    .storeDetection(
                            mediaId, List.of(new SceneCut(id, mediaId, frame, 0.9, Instant.now())), Instant.now());
        }
        return id;
    }
}
