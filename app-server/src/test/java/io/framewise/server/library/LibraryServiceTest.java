package io.framewise.server.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.Caller;
import io.framewise.server.http.ApiException;
import io.framewise.server.ingest.IngestService;
import io.framewise.server.library.LibraryService.AssetDetails;
import io.framewise.server.library.LibraryService.NewAsset;
import io.framewise.server.testing.ServiceFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects, assets, versions and approvals without HTTP: each change one unit with its audit entry. */
class LibraryServiceTest {

    @TempDir
    Path data;

    ServiceFixture world;
    IngestService ingest;
    LibraryService library;
    final List<String> decisions = new ArrayList<>();

    @BeforeEach
    void open() {
        world = new ServiceFixture(data);
        ingest = new IngestService(
                world.files, world.media, world.jobs, world.db, world.events(), world.permissions, () -> {});
        library = new LibraryService(
                world.projects, world.assets, world.media, world.db, world.permissions, (asset, number, status, by) -> {
                    // Heard after the commit: the decision is stored by then.
                    assertEquals(1, world.count("SELECT COUNT(*) FROM approvals"));
                    decisions.add(asset + " v" + number + " " + status + " by " + by.userIdOrNull());
                });
    }

    @AfterEach
    void close() {
        world.close();
    }

    private String upload(Caller caller, String name) throws Exception {
        return ingest.upload(caller, world.received(name)).id();
    }

    @Test
    void anAdminsFirstAssetGoesToTheDefaultProjectMadeInTheSameUnit() throws Exception {
        Caller admin = world.admin();
        String media = upload(admin, "a.mov");

        AssetDetails asset = library.createAsset(admin, new NewAsset(null, null, " Opening ", media));

        assertEquals("Opening", asset.asset().title());
        assertEquals(List.of(LibraryService.DEFAULT_PROJECT), world.column("SELECT name FROM projects"));
        assertEquals(1, asset.versions().size());
        assertEquals(media, asset.versions().get(0).version().mediaId());
        assertEquals(
                List.of("asset.created"), world.column("SELECT action FROM audit_log WHERE resource_type = 'asset'"));
    }

    @Test
    void aRefusedFilingLeavesNoDefaultProjectAndNoAuditEntryBehind() throws Exception {
        Caller admin = world.admin();
        String media = upload(admin, "a.mov");

        assertThrows(
                ApiException.Invalid.class,
                () -> library.createAsset(admin, new NewAsset(null, "0123456789abcdef0123456789abcdef", "T", media)));

        assertEquals(0, world.count("SELECT COUNT(*) FROM projects"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM assets"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM audit_log WHERE action = 'asset.created'"));
    }

    @Test
    void mediaAlreadyFiledIsAConflictAndChangesNothing() throws Exception {
        Caller admin = world.admin();
        String media = upload(admin, "a.mov");
        AssetDetails first = library.createAsset(admin, new NewAsset(null, null, "First", media));

        ApiException.Conflict again = assertThrows(
                ApiException.Conflict.class,
                () -> library.addVersion(admin, first.asset().id(), media));
        assertThrows(
                ApiException.Conflict.class,
                () -> library.createAsset(admin, new NewAsset(null, null, "Second", media)));

        assertTrue(again.getMessage().contains("already a version of this asset"), again.getMessage());
        assertEquals(1, world.count("SELECT COUNT(*) FROM assets"));
        assertEquals(1, world.count("SELECT COUNT(*) FROM asset_versions"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM audit_log WHERE action = 'version.added'"));
    }

    @Test
    void versionsStackAndAnApprovalIsStoredAuditedAndThenHeard() throws Exception {
        Caller admin = world.admin();
        AssetDetails asset = library.createAsset(admin, new NewAsset(null, null, "Cut", upload(admin, "v1.mov")));
        String assetId = asset.asset().id();
        assertEquals(
                2,
                library.addVersion(admin, assetId, upload(admin, "v2.mov"))
                        .version()
                        .number());

        LibraryService.VersionDetails approved = library.approve(admin, assetId, 2, "approved");

        assertEquals(ApprovalStatus.APPROVED, approved.approval().orElseThrow().status());
        assertEquals(List.of(assetId + " v2 approved by " + admin.person().userId()), decisions);
        assertEquals(
                List.of("asset.created", "version.added", "approval.changed"),
                world.column("SELECT action FROM audit_log WHERE resource_type = 'asset' ORDER BY seq"));
        assertThrows(ApiException.Invalid.class, () -> library.approve(admin, assetId, 1, "maybe"));
        assertThrows(ApiException.NotFound.class, () -> library.approve(admin, assetId, 3, "approved"));
        assertEquals(1, decisions.size());
    }

    @Test
    void someoneWhoMayNotFileTheMediaIsRefusedBeforeAnythingIsWritten() throws Exception {
        Caller ana = world.owner("ana");
        Caller ben = world.owner("ben");
        String anas = upload(ana, "ana.mov");

        assertThrows(
                ApiException.Invalid.class, () -> library.createAsset(ben, new NewAsset(null, null, "Mine", anas)));
        assertThrows(ApiException.Forbidden.class, () -> library.createProject(ben, "Ben's"));

        assertEquals(0, world.count("SELECT COUNT(*) FROM assets"));
        assertEquals(2, world.count("SELECT COUNT(*) FROM projects"), "only their own teams");
        assertEquals(
                List.of("access.denied"),
                world.column(
                        "SELECT action FROM audit_log WHERE actor_id = ?",
                        ben.person().userId()));
        assertThrows(ApiException.Invalid.class, () -> library.createProject(world.admin(), "  "));
        assertEquals("Ben's", library.createProject(world.admin(), " Ben's ").name());
        assertEquals(
                List.of("ben's team"),
                library.projects(ben).stream().map(Project::name).toList());
        assertEquals(
                List.of("ana's team"),
                library.projects(ana).stream().map(Project::name).toList());
    }
}
