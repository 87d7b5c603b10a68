package io.framewise.desktop.testing;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.scenes.JooqSceneCutRepository;
import io.framewise.server.scenes.SceneCut;
import java.time.Instant;
import java.util.Arrays;

/** Suggested scene cuts written into the review server's database, as the detection job stores them. */
public final class SuggestedSceneCuts {

    private SuggestedSceneCuts() {}

    public static void add(ReviewServer server, String mediaId, long... frames) {
        try (Database db = Database.open(server.data)) {
            new JooqSceneCutRepository(db)
                    .storeDetection(
                            mediaId,
                            Arrays.stream(frames)
                                    .mapToObj(f -> new SceneCut(Ids.newId(), mediaId, f, 0.9, Instant.now()))
                                    .toList(),
                            Instant.now());
        }
    }
}
