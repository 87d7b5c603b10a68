package io.framewise.server.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqProjectRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag rules without HTTP: on a real database, as the routes and the organizers' host API use them. */
class TagServiceTest {

    @TempDir
    Path data;

    private Database db;
    private TagService tags;
    private String asset;

    @BeforeEach
    void open() {
        db = Database.open(data);
        tags = new TagService(new JooqTagRepository(db));
        String user = new JooqAccountRepository(db, new PasswordHasher(64, 1))
                .create("alice", "a long enough password", false)
                .id();
        String project = new JooqProjectRepository(db).create("Film", user).id();
        asset = new JooqAssetRepository(db)
                .create(project, null, "Shot 1", user)
                .id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void tagsAreStoredLowerCasedOnceAndSorted() {
        tags.setTags(asset, List.of(" Night ", "exterior", "NIGHT", "day:2"));
        assertEquals(List.of("day:2", "exterior", "night"), tags.tags(asset));

        tags.setTags(asset, List.of());
        assertEquals(List.of(), tags.tags(asset));
    }

    @Test
    void aBadTagChangesNothing() {
        tags.setTags(asset, List.of("keep"));
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> tags.setTags(asset, Arrays.asList("ok", "!no")));
        assertTrue(bad.getMessage().contains("'!no'"), bad.getMessage());
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TagService.MAX_TAGS; i++) {
            many.add("t" + i);
        }
        assertThrows(IllegalArgumentException.class, () -> tags.setTags(asset, many));
        assertEquals(List.of("keep"), tags.tags(asset));
    }

    @Test
    void metadataIsReplacedWholeAndBadMetadataChangesNothing() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("scene", "12");
        first.put("camera", "A");
        tags.setMetadata(asset, first);
        assertEquals(Map.of("camera", "A", "scene", "12"), tags.metadata(asset));

        assertThrows(IllegalArgumentException.class, () -> tags.setMetadata(asset, Map.of(" ", "x")));
        assertThrows(IllegalArgumentException.class, () -> tags.setMetadata(asset, Map.of("k", "x".repeat(4097))));
        assertEquals(Map.of("camera", "A", "scene", "12"), tags.metadata(asset));

        tags.setMetadata(asset, Map.of("take", "3"));
        assertEquals(Map.of("take", "3"), tags.metadata(asset));
    }
}
