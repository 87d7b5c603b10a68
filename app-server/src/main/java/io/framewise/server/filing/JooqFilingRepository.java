package io.framewise.server.filing;

import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.CLIPS;
import static io.framewise.server.db.generated.Tables.FOLDERS;
import static io.framewise.server.db.generated.Tables.HOME_PROJECTS;
import static io.framewise.server.db.generated.Tables.MEDIA_ITEMS;
import static io.framewise.server.db.generated.Tables.PROJECTS;
import static io.framewise.server.db.generated.Tables.USERS;

import io.framewise.server.access.Principal;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.library.JooqHomeProjects;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * The rows filing reads and writes: projects, folders and homes to file into, and the asset with
 * its first version that an arriving media item becomes. Every write joins the caller's unit of
 * work, so a refused filing rolls back the media item it was for.
 */
public final class JooqFilingRepository {

    /** A media item that no asset holds, with who uploaded it (null: the watched folder or older). */
    public record Unfiled(String mediaId, String name, String uploaderId) {}

    private final Database db;

    public JooqFilingRepository(Database db) {
        this.db = db;
    }

    /** The project's id when it exists. */
    public Optional<String> project(String id) {
        return db.read(ctx ->
                ctx.select(PROJECTS.ID).from(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional(PROJECTS.ID));
    }

    /** The project a folder belongs to, when the folder exists. */
    public Optional<String> projectOfFolder(String folderId) {
        return db.read(ctx -> ctx.select(FOLDERS.PROJECT_ID)
                .from(FOLDERS)
                .where(FOLDERS.ID.eq(folderId))
                .fetchOptional(FOLDERS.PROJECT_ID));
    }

    /** The project an asset belongs to, when the asset exists. */
    public Optional<String> projectOfAsset(String assetId) {
        return db.read(ctx -> ctx.select(ASSETS.PROJECT_ID)
                .from(ASSETS)
                .where(ASSETS.ID.eq(assetId))
                .fetchOptional(ASSETS.PROJECT_ID));
    }

    /** Who created the project (the watched folder files in their name). */
    public Optional<String> creatorOf(String projectId) {
        return db.read(ctx -> ctx.select(PROJECTS.CREATED_BY)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(projectId))
                .fetchOptional(PROJECTS.CREATED_BY));
    }

    /**
     * The user's home project, created on first use the way the folders organizer makes it (named
     * after them, with them as its owner), inside the caller's transaction.
     */
    public String ensureHome(String userId) {
        return db.write(ctx -> {
            Optional<String> existing = JooqHomeProjects.homeOf(ctx, userId);
            if (existing.isPresent()) {
                return existing.get();
            }
            String displayName = ctx.select(USERS.DISPLAY_NAME)
                    .from(USERS)
                    .where(USERS.ID.eq(userId))
                    .fetchOptional(USERS.DISPLAY_NAME)
                    .orElseThrow(() -> new IllegalArgumentException("no such user: " + userId));
            return JooqHomeProjects.ensureHome(ctx, userId, "Home of " + displayName, db.nowMillis());
        });
    }

    /** The oldest shared (not home) project of that exact name. */
    public Optional<String> sharedProjectNamed(String name) {
        return db.read(ctx -> ctx.select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.NAME.eq(name))
                .andNotExists(DSL.selectOne().from(HOME_PROJECTS).where(HOME_PROJECTS.PROJECT_ID.eq(PROJECTS.ID)))
                .orderBy(PROJECTS.CREATED_AT, PROJECTS.ID)
                .limit(1)
                .fetchOptional(PROJECTS.ID));
    }

    /** A new shared project with its creator as owner. */
    public String createProject(String name, String createdBy) {
        return db.write(ctx -> JooqHomeProjects.createProject(ctx, Ids.newId(), name, createdBy, db.nowMillis()));
    }

    /** An enabled user by canonical (lower-case) login name. */
    public Optional<String> userNamed(String name) {
        return db.read(ctx -> ctx.select(USERS.ID)
                .from(USERS)
                .where(USERS.NAME.eq(name))
                .and(USERS.DISABLED.isFalse())
                .fetchOptional(USERS.ID));
    }

    /** The enabled account as a person to decide on (an owner finishing an upload with no request at hand). */
    public Optional<Principal.Person> person(String userId) {
        return db.read(ctx -> ctx.select(USERS.ID, USERS.NAME, USERS.DISPLAY_NAME, USERS.IS_ADMIN)
                .from(USERS)
                .where(USERS.ID.eq(userId))
                .and(USERS.DISABLED.isFalse())
                .fetchOptional(r -> new Principal.Person(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        Boolean.TRUE.equals(r.value4()),
                        Principal.Credential.local())));
    }

    /** The oldest enabled administrator, who owns what the watched folder creates. */
    public Optional<String> firstAdmin() {
        return db.read(ctx -> ctx.select(USERS.ID)
                .from(USERS)
                .where(USERS.IS_ADMIN.isTrue())
                .and(USERS.DISABLED.isFalse())
                .orderBy(USERS.CREATED_AT, USERS.ID)
                .limit(1)
                .fetchOptional(USERS.ID));
    }

    /** The child folder of that name ({@code parentId} null: the top level), made when {@code create}. */
    public Optional<String> childFolder(String projectId, String parentId, String name, boolean create) {
        return db.write(ctx -> {
            Optional<String> found = ctx.select(FOLDERS.ID)
                    .from(FOLDERS)
                    .where(FOLDERS.PROJECT_ID.eq(projectId))
                    .and(parentId == null ? FOLDERS.PARENT_ID.isNull() : FOLDERS.PARENT_ID.eq(parentId))
                    .and(FOLDERS.NAME.eq(name))
                    .orderBy(FOLDERS.POSITION, FOLDERS.ID)
                    .limit(1)
                    .fetchOptional(FOLDERS.ID);
            if (found.isPresent() || !create) {
                return found;
            }
            Integer last = ctx.select(DSL.max(FOLDERS.POSITION))
                    .from(FOLDERS)
                    .where(FOLDERS.PROJECT_ID.eq(projectId))
                    .and(parentId == null ? FOLDERS.PARENT_ID.isNull() : FOLDERS.PARENT_ID.eq(parentId))
                    .fetchOne(0, Integer.class);
            String id = Ids.newId();
            ctx.insertInto(FOLDERS)
                    .set(FOLDERS.ID, id)
                    .set(FOLDERS.PROJECT_ID, projectId)
                    .set(FOLDERS.PARENT_ID, parentId)
                    .set(FOLDERS.NAME, name)
                    .set(FOLDERS.POSITION, last == null ? 0 : last + 1)
                    .set(FOLDERS.CREATED_AT, db.nowMillis())
                    .execute();
            return Optional.of(id);
        });
    }

    /**
     * A new asset holding the media item as version 1.
     *
     * @param provisional filed by default (no target named): filing the media elsewhere later takes
     *     it out again
     */
    public String fileAsNewAsset(
            String projectId, String folderId, String title, String createdBy, String mediaId, boolean provisional) {
        return db.write(ctx -> {
            String assetId = Ids.newId();
            long now = db.nowMillis();
            ctx.insertInto(ASSETS)
                    .set(ASSETS.ID, assetId)
                    .set(ASSETS.PROJECT_ID, projectId)
                    .set(ASSETS.FOLDER_ID, folderId)
                    .set(ASSETS.TITLE, title)
                    .set(ASSETS.CREATED_BY, createdBy)
                    .set(ASSETS.CREATED_AT, now)
                    .set(ASSETS.PROVISIONAL, provisional)
                    .execute();
            insertVersion(ctx, assetId, 1, mediaId, now);
            return assetId;
        });
    }

    /** The media item as the asset's next version (the asset stops being provisional). */
    public void fileAsNextVersion(String assetId, String mediaId) {
        db.write(ctx -> {
            Integer top = ctx.select(DSL.max(ASSET_VERSIONS.VERSION_NUMBER))
                    .from(ASSET_VERSIONS)
                    .where(ASSET_VERSIONS.ASSET_ID.eq(assetId))
                    .fetchOne(0, Integer.class);
            insertVersion(ctx, assetId, top == null ? 1 : top + 1, mediaId, db.nowMillis());
            ctx.update(ASSETS)
                    .set(ASSETS.PROVISIONAL, false)
                    .where(ASSETS.ID.eq(assetId))
                    .execute();
            return null;
        });
    }

    private static void insertVersion(org.jooq.DSLContext ctx, String assetId, int number, String mediaId, long now) {
        ctx.insertInto(ASSET_VERSIONS)
                .set(ASSET_VERSIONS.ID, Ids.newId())
                .set(ASSET_VERSIONS.ASSET_ID, assetId)
                .set(ASSET_VERSIONS.VERSION_NUMBER, number)
                .set(ASSET_VERSIONS.MEDIA_ID, mediaId)
                .set(ASSET_VERSIONS.CREATED_AT, now)
                .execute();
    }

    /** Media items no asset holds, leaving out cut clips (they belong to their clip), oldest first. */
    public List<Unfiled> unfiled() {
        return db.read(ctx -> ctx.select(MEDIA_ITEMS.ID, MEDIA_ITEMS.ORIGINAL_NAME, MEDIA_ITEMS.UPLOADED_BY)
                .from(MEDIA_ITEMS)
                .whereNotExists(DSL.selectOne().from(ASSET_VERSIONS).where(ASSET_VERSIONS.MEDIA_ID.eq(MEDIA_ITEMS.ID)))
                .andNotExists(DSL.selectOne().from(CLIPS).where(CLIPS.MEDIA_ID.eq(MEDIA_ITEMS.ID)))
                .orderBy(MEDIA_ITEMS.CREATED_AT, MEDIA_ITEMS.ID)
                .fetch(r -> new Unfiled(r.value1(), r.value2(), r.value3())));
    }
}
