package io.framewise.server.library;

import static io.framewise.server.db.generated.Tables.APPROVALS;
import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.FOLDERS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.ApprovalsRecord;
import io.framewise.server.db.generated.tables.records.AssetVersionsRecord;
import io.framewise.server.db.generated.tables.records.AssetsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/** {@link AssetRepository} on the {@code assets}, {@code asset_versions} and {@code approvals} tables. */
public final class JooqAssetRepository implements AssetRepository {

    private final Database db;

    public JooqAssetRepository(Database db) {
        this.db = db;
    }

    @Override
    public Asset create(String projectId, String folderId, String title, String createdBy) {
        Asset a = new Asset(Ids.newId(), projectId, folderId, title, createdBy, Instant.ofEpochMilli(db.nowMillis()));
        return db.write(ctx -> {
            if (folderId != null) {
                String folderProject = ctx.select(FOLDERS.PROJECT_ID)
                        .from(FOLDERS)
                        .where(FOLDERS.ID.eq(folderId))
                        .fetchOne(FOLDERS.PROJECT_ID);
                if (!projectId.equals(folderProject)) {
                    throw new IllegalArgumentException(
                            "folderId " + folderId + " is not a folder of project " + projectId);
                }
            }
            ctx.insertInto(ASSETS)
                    .set(ASSETS.ID, a.id())
                    .set(ASSETS.PROJECT_ID, a.projectId())
                    .set(ASSETS.FOLDER_ID, a.folderId())
                    .set(ASSETS.TITLE, a.title())
                    .set(ASSETS.CREATED_BY, a.createdBy())
                    .set(ASSETS.CREATED_AT, a.created().toEpochMilli())
                    .execute();
            return a;
        });
    }

    @Override
    public Optional<Asset> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(
                ctx -> ctx.selectFrom(ASSETS).where(ASSETS.ID.eq(id)).fetchOptional(JooqAssetRepository::toAsset));
    }

    @Override
    public List<Asset> list(String projectId, String folderId) {
        return db.read(ctx -> ctx.selectFrom(ASSETS)
                .where(ASSETS.PROJECT_ID.eq(projectId))
                .and(folderId == null ? ASSETS.FOLDER_ID.isNull() : ASSETS.FOLDER_ID.eq(folderId))
                .orderBy(ASSETS.CREATED_AT, ASSETS.ID)
                .fetch(JooqAssetRepository::toAsset));
    }

    @Override
    public Asset createWithFirstVersion(
            String projectId, String folderId, String title, String createdBy, String mediaId) {
        // Nested writes join this transaction: a refused version rolls the asset back with it.
        return db.write(ctx -> {
            Asset asset = create(projectId, folderId, title, createdBy);
            addVersion(asset.id(), mediaId);
            return asset;
        });
    }

    @Override
    public AssetVersion addVersion(String assetId, String mediaId) {
        Ids.require("assetId", assetId);
        Ids.require("mediaId", mediaId);
        // Check, number and insert under the write lock, so two uploads cannot both become version n
        // and one media item cannot become two versions (the unique index on media_id is the backstop).
        return db.write(ctx -> {
            String holder = ctx.select(ASSET_VERSIONS.ASSET_ID)
                    .from(ASSET_VERSIONS)
                    .where(ASSET_VERSIONS.MEDIA_ID.eq(mediaId))
                    .fetchOne(ASSET_VERSIONS.ASSET_ID);
            if (holder != null && !holder.equals(assetId) && releaseProvisional(ctx, holder)) {
                holder = null;
            }
            if (holder != null) {
                throw new MediaAlreadyFiledException(mediaId, holder);
            }
            Integer top = ctx.select(DSL.max(ASSET_VERSIONS.VERSION_NUMBER))
                    .from(ASSET_VERSIONS)
                    .where(ASSET_VERSIONS.ASSET_ID.eq(assetId))
                    .fetchOne(0, Integer.class);
            AssetVersion v = new AssetVersion(
                    Ids.newId(), assetId, top == null ? 1 : top + 1, mediaId, Instant.ofEpochMilli(db.nowMillis()));
            // Filing into an asset on purpose makes it an ordinary one (see releaseProvisional).
            ctx.update(ASSETS)
                    .set(ASSETS.PROVISIONAL, false)
                    .where(ASSETS.ID.eq(assetId))
                    .execute();
            ctx.insertInto(ASSET_VERSIONS)
                    .set(ASSET_VERSIONS.ID, v.id())
                    .set(ASSET_VERSIONS.ASSET_ID, v.assetId())
                    .set(ASSET_VERSIONS.VERSION_NUMBER, v.number())
                    .set(ASSET_VERSIONS.MEDIA_ID, v.mediaId())
                    .set(ASSET_VERSIONS.CREATED_AT, v.created().toEpochMilli())
                    .execute();
            return v;
        });
    }

    @Override
    public List<AssetVersion> versions(String assetId) {
        return db.read(ctx -> ctx.selectFrom(ASSET_VERSIONS)
                .where(ASSET_VERSIONS.ASSET_ID.eq(assetId))
                .orderBy(ASSET_VERSIONS.VERSION_NUMBER)
                .fetch(JooqAssetRepository::toVersion));
    }

    @Override
    public Map<String, List<AssetVersion>> versions(Collection<String> assetIds) {
        Map<String, List<AssetVersion>> out = new HashMap<>();
        if (!assetIds.isEmpty()) {
            db.read(ctx -> ctx.selectFrom(ASSET_VERSIONS)
                            .where(ASSET_VERSIONS.ASSET_ID.in(assetIds))
                            .orderBy(ASSET_VERSIONS.ASSET_ID, ASSET_VERSIONS.VERSION_NUMBER)
                            .fetch(JooqAssetRepository::toVersion))
                    .forEach(v -> out.computeIfAbsent(v.assetId(), k -> new ArrayList<>())
                            .add(v));
        }
        return out;
    }

    @Override
    public Optional<String> assetOfMedia(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.select(ASSET_VERSIONS.ASSET_ID)
                .from(ASSET_VERSIONS)
                .where(ASSET_VERSIONS.MEDIA_ID.eq(mediaId))
                .fetchOptional(ASSET_VERSIONS.ASSET_ID));
    }

    @Override
    public Optional<AssetVersion> getVersion(String versionId) {
        if (!Ids.isValid(versionId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(ASSET_VERSIONS)
                .where(ASSET_VERSIONS.ID.eq(versionId))
                .fetchOptional(JooqAssetRepository::toVersion));
    }

    @Override
    public Approval setApproval(String versionId, ApprovalStatus status, String decidedBy) {
        Approval a = new Approval(versionId, status, decidedBy, Instant.ofEpochMilli(db.nowMillis()));
        db.write(ctx -> ctx.insertInto(APPROVALS)
                .set(APPROVALS.VERSION_ID, a.versionId())
                .set(APPROVALS.STATUS, a.status().wire())
                .set(APPROVALS.DECIDED_BY, a.decidedBy())
                .set(APPROVALS.DECIDED_AT, a.decidedAt().toEpochMilli())
                .onConflict(APPROVALS.VERSION_ID)
                .doUpdate()
                .set(APPROVALS.STATUS, a.status().wire())
                .set(APPROVALS.DECIDED_BY, a.decidedBy())
                .set(APPROVALS.DECIDED_AT, a.decidedAt().toEpochMilli())
                .execute());
        return a;
    }

    @Override
    public Optional<Approval> approval(String versionId) {
        return db.read(ctx -> ctx.selectFrom(APPROVALS)
                .where(APPROVALS.VERSION_ID.eq(versionId))
                .fetchOptional(JooqAssetRepository::toApproval));
    }

    private static Asset toAsset(AssetsRecord r) {
        return new Asset(
                r.getId(),
                r.getProjectId(),
                r.getFolderId(),
                r.getTitle(),
                r.getCreatedBy(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }

    private static AssetVersion toVersion(AssetVersionsRecord r) {
        return new AssetVersion(
                r.getId(),
                r.getAssetId(),
                r.getVersionNumber(),
                r.getMediaId(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }

    private static Approval toApproval(ApprovalsRecord r) {
        return new Approval(
                r.getVersionId(),
                ApprovalStatus.fromWire(r.getStatus()),
                r.getDecidedBy(),
                Instant.ofEpochMilli(r.getDecidedAt()));
    }

    /**
     * Takes a provisional asset (an upload filed into its uploader's home because it named no place,
     * migration V17) out of the way when its one media item is filed elsewhere on purpose: clients
     * that upload first and file afterwards keep working, and nothing is left behind twice.
     *
     * @return whether the asset was provisional with that one version, and is gone
     */
    private static boolean releaseProvisional(org.jooq.DSLContext ctx, String assetId) {
        Boolean provisional = ctx.select(ASSETS.PROVISIONAL)
                .from(ASSETS)
                .where(ASSETS.ID.eq(assetId))
                .fetchOne(ASSETS.PROVISIONAL);
        if (!Boolean.TRUE.equals(provisional)) {
            return false;
        }
        int versions = ctx.fetchCount(ASSET_VERSIONS, ASSET_VERSIONS.ASSET_ID.eq(assetId));
        if (versions != 1) {
            return false;
        }
        ctx.deleteFrom(APPROVALS)
                .where(APPROVALS.VERSION_ID.in(
                        DSL.select(ASSET_VERSIONS.ID).from(ASSET_VERSIONS).where(ASSET_VERSIONS.ASSET_ID.eq(assetId))))
                .execute();
        ctx.deleteFrom(ASSET_VERSIONS)
                .where(ASSET_VERSIONS.ASSET_ID.eq(assetId))
                .execute();
        return ctx.deleteFrom(ASSETS).where(ASSETS.ID.eq(assetId)).execute() == 1;
    }
}
