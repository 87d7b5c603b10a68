package io.framewise.server.access;

import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.FOLDERS;
import static io.framewise.server.db.generated.Tables.MEDIA_ITEMS;
import static io.framewise.server.db.generated.Tables.NOTES;
import static io.framewise.server.db.generated.Tables.PROJECTS;
import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;
import static io.framewise.server.db.generated.Tables.SHARES;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

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
    public Map<String, String> projectsOfAssets(java.util.Collection<String> assetIds) {
        Map<String, String> projects = new HashMap<>();
        List<String> valid = assetIds.stream().filter(Ids::isValid).toList();
        if (!valid.isEmpty()) {
            db.read(ctx -> ctx.select(ASSETS.ID, ASSETS.PROJECT_ID)
                            .from(ASSETS)
                            .where(ASSETS.ID.in(valid))
                            .fetch())
                    .forEach(r -> projects.put(r.value1(), r.value2()));
        }
        return projects;
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
        // A guest's note is filed under the link's creator, but it is the guest's: nobody with an
        // account is its author.
        return db.read(ctx -> ctx.select(NOTES.MEDIA_ID, NOTES.AUTHOR_ID, NOTES.GUEST_ID)
                .from(NOTES)
                .where(NOTES.ID.eq(noteId))
                .fetchOptional(
                        r -> new NoteFacts(r.value1(), r.value3() == null ? r.value2() : "guest:" + r.value3())));
    }

    @Override
    public Optional<ShareScope> shareScope(String shareId) {
        if (!Ids.isValid(shareId)) {
            return Optional.empty();
        }
        long now = db.nowMillis();
        return db.read(ctx -> {
            var share = ctx.selectFrom(SHARES).where(SHARES.ID.eq(shareId)).fetchOne();
            if (share == null
                    || share.getRevokedAt() != null
                    || (share.getExpiresAt() != null && share.getExpiresAt() <= now)) {
                return Optional.<ShareScope>empty();
            }
            List<String> assets = "folder".equals(share.getTargetType())
                    ? assetsUnder(ctx, share.getTargetId())
                    : List.of(share.getTargetId());
            Set<String> media = new LinkedHashSet<>();
            for (String asset : assets) {
                var version = share.getVersionNumber() != null
                        ? ASSET_VERSIONS.VERSION_NUMBER.eq(share.getVersionNumber())
                        : ASSET_VERSIONS.VERSION_NUMBER.eq(DSL.select(DSL.max(ASSET_VERSIONS.VERSION_NUMBER))
                                .from(ASSET_VERSIONS)
                                .where(ASSET_VERSIONS.ASSET_ID.eq(asset)));
                ctx.select(ASSET_VERSIONS.MEDIA_ID)
                        .from(ASSET_VERSIONS)
                        .where(ASSET_VERSIONS.ASSET_ID.eq(asset).and(version))
                        .fetch(ASSET_VERSIONS.MEDIA_ID)
                        .forEach(media::add);
            }
            return Optional.of(new ShareScope(new HashSet<>(assets), media));
        });
    }

    /** The assets of a folder and of every folder inside it. */
    private static List<String> assetsUnder(DSLContext ctx, String folderId) {
        List<String> folders = new ArrayList<>(List.of(folderId));
        for (int i = 0; i < folders.size() && folders.size() < 10_000; i++) {
            folders.addAll(ctx.select(FOLDERS.ID)
                    .from(FOLDERS)
                    .where(FOLDERS.PARENT_ID.eq(folders.get(i)))
                    .fetch(FOLDERS.ID));
        }
        return ctx.select(ASSETS.ID)
                .from(ASSETS)
                .where(ASSETS.FOLDER_ID.in(folders))
                .orderBy(ASSETS.CREATED_AT, ASSETS.ID)
                .fetch(ASSETS.ID);
    }
}
