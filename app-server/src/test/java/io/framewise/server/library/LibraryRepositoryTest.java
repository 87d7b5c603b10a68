package io.framewise.server.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import io.framewise.server.users.UserRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryRepositoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private ProjectRepository projects;
    private AssetRepository assets;
    private MediaRepository media;
    private UserRepository users;
    private User me;

    @BeforeEach
    void open() {
        db = Database.open(dir, clock);
        projects = new JooqProjectRepository(db);
        assets = new JooqAssetRepository(db);
        media = new JooqMediaRepository(db);
        users = new JooqUserRepository(db);
        me = users.localUser();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MediaItem newMedia() {
        String id = Ids.newId();
        return media.create(new NewMediaItem(id, "cut.mov", "media/" + id, 1, null));
    }

    @Test
    void theLocalUserIsCreatedOnce() {
        assertEquals(me, users.localUser());
        assertEquals(Optional.of(me), users.get(me.id()));
        assertEquals(Optional.of(me), users.findByName(UserRepository.LOCAL_USER_NAME));
        User bob = users.create("bob", "Bob B.");
        assertEquals(Optional.of(bob), users.get(bob.id()));
        assertThrows(RuntimeException.class, () -> users.create("bob", "Another Bob"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> users.create("Bob Smith", "Bob"));
        assertTrue(e.getMessage().startsWith("name "), e.getMessage());
    }

    @Test
    void projectsHoldFolderTreesInPositionOrder() {
        Project p = projects.create("Feature film", me.id());
        clock.advance(Duration.ofSeconds(1));
        Project q = projects.create("Commercial", me.id());
        assertEquals(List.of(p, q), projects.list());
        assertEquals(Optional.of(p), projects.get(p.id()));

        Folder reel1 = projects.createFolder(p.id(), null, "Reel 1");
        Folder reel2 = projects.createFolder(p.id(), null, "Reel 2");
        Folder vfx = projects.createFolder(p.id(), reel1.id(), "VFX");
        assertEquals(0, reel1.position());
        assertEquals(1, reel2.position());
        assertEquals(0, vfx.position());
        assertEquals(List.of(reel1, reel2), projects.listFolders(p.id(), null));
        assertEquals(List.of(vfx), projects.listFolders(p.id(), reel1.id()));
        assertEquals(List.of(), projects.listFolders(q.id(), null));
        assertEquals(Optional.of(vfx), projects.getFolder(vfx.id()));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> projects.createFolder(q.id(), reel1.id(), "Stray"));
        assertTrue(e.getMessage().startsWith("parentId "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> projects.create(" ", me.id()));
        assertTrue(e.getMessage().startsWith("name "), e.getMessage());
    }

    @Test
    void assetsStackVersionsAndKeepTheCurrentApproval() {
        Project p = projects.create("Film", me.id());
        Folder folder = projects.createFolder(p.id(), null, "Edits");
        Asset asset = assets.create(p.id(), folder.id(), "Opening titles", me.id());
        Asset loose = assets.create(p.id(), null, "Loose", me.id());
        assertEquals(Optional.of(asset), assets.get(asset.id()));
        assertEquals(List.of(asset), assets.list(p.id(), folder.id()));
        assertEquals(List.of(loose), assets.list(p.id(), null));

        AssetVersion v1 = assets.addVersion(asset.id(), newMedia().id());
        AssetVersion v2 = assets.addVersion(asset.id(), newMedia().id());
        assertEquals(1, v1.number());
        assertEquals(2, v2.number());
        assertEquals(List.of(v1, v2), assets.versions(asset.id()));
        assertEquals(Optional.of(v2), assets.getVersion(v2.id()));

        assertEquals(Optional.empty(), assets.approval(v2.id()));
        assets.setApproval(v2.id(), ApprovalStatus.CHANGES_REQUESTED, me.id());
        clock.advance(Duration.ofMinutes(1));
        Approval approved = assets.setApproval(v2.id(), ApprovalStatus.APPROVED, me.id());
        assertEquals(Optional.of(approved), assets.approval(v2.id()));
        assertEquals(clock.instant(), approved.decidedAt());
        assertEquals(Optional.empty(), assets.approval(v1.id()));

        Project other = projects.create("Other", me.id());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> assets.create(other.id(), folder.id(), "Wrong", me.id()));
        assertTrue(e.getMessage().startsWith("folderId "), e.getMessage());
    }

    @Test
    void deletingAVersionsMediaTakesTheVersionOffTheStack() {
        Project p = projects.create("Film", me.id());
        Asset asset = assets.create(p.id(), null, "Shot 10", me.id());
        MediaItem first = newMedia();
        AssetVersion v1 = assets.addVersion(asset.id(), first.id());
        AssetVersion v2 = assets.addVersion(asset.id(), newMedia().id());
        assets.setApproval(v1.id(), ApprovalStatus.NEEDS_REVIEW, me.id());
        assertTrue(media.delete(first.id()));
        assertEquals(List.of(v2), assets.versions(asset.id()));
        assertEquals(Optional.empty(), assets.approval(v1.id()));
        assertEquals(
                3,
                assets.addVersion(asset.id(), newMedia().id()).number(),
                "the next number follows the top of the stack");
    }

    @Test
    void deletingAProjectDeletesItsFoldersAndAssets() {
        Project p = projects.create("Film", me.id());
        Folder f = projects.createFolder(p.id(), null, "A");
        Asset a = assets.create(p.id(), f.id(), "Shot", me.id());
        assertTrue(projects.delete(p.id()));
        assertEquals(Optional.empty(), projects.getFolder(f.id()));
        assertEquals(Optional.empty(), assets.get(a.id()));
    }
}
