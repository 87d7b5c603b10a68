package io.framewise.server.access;

import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.MEDIA_ITEMS;
import static io.framewise.server.db.generated.Tables.NOTES;
import static io.framewise.server.db.generated.Tables.PROJECTS;
import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link AccessFacts} read from the library tables. */
public final class JooqAccessFacts implements AccessFacts {

    private final Database db;

    public JooqAccessFacts(Database db) {
        this.db = db;
    }

    @Override
    public Map<String, ProjectRole> roles(String userId) {
        Map<String, ProjectRole> roles = new LinkedHashMap<>();
        if (!Ids.isValid(userId)) {
            return roles;
        }
        db.read(ctx -> ctx.select(PROJECT_MEMBERS.PROJECT_ID, PROJECT_MEMBERS.ROLE)
                        .from(PROJECT_MEMBERS)
                        .where(PROJECT_MEMBERS.USER_ID.eq(userId))
                        .fetch())
                .forEach(r -> roles.put(r.value1(), ProjectRole.fromWire(r.value2())));
        return roles;
    }

    @Override
    public boolean projectExists(String projectId) {
        return Ids.isValid(projectId) && db.read(ctx -> ctx.fetchExists(PROJECTS, PROJECTS.ID.eq(projectId)));
    }

    @Override
    public Optional<String> projectOfAsset(String assetId) {
        if (!Ids.isValid(assetId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.select(ASSETS.PROJECT_ID)
                .from(ASSETS)
                .where(ASSETS.ID.eq(assetId))
                .fetchOptional(ASSETS.PROJECT_ID));
    }

    @Override
    public Optional<String> projectOfMedia(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.select(ASSETS.PROJECT_ID)
                .from(ASSET_VERSIONS)
                .join(ASSETS)
                .on(ASSETS.ID.eq(ASSET_VERSIONS.ASSET_ID))
                .where(ASSET_VERSIONS.MEDIA_ID.eq(mediaId))
                .fetchOptional(ASSETS.PROJECT_ID));
    }

    @Override
    public Optional<String> uploaderOf(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.select(MEDIA_ITEMS.UPLOADED_BY)
                .from(MEDIA_ITEMS)
                .where(MEDIA_ITEMS.ID.eq(mediaId))
                .fetchOptional(MEDIA_ITEMS.UPLOADED_BY));
    }

    @Override
    public Optional<NoteFacts> note(String noteId) {
        if (!Ids.isValid(noteId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.select(NOTES.MEDIA_ID, NOTES.AUTHOR_ID)
                .from(NOTES)
                .where(NOTES.ID.eq(noteId))
                .fetchOptional(r -> new NoteFacts(r.value1(), r.value2())));
    }
}
