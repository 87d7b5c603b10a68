package io.framewise.server.tags;

import static io.framewise.server.db.generated.Tables.ASSET_METADATA;
import static io.framewise.server.db.generated.Tables.ASSET_TAGS;

import io.framewise.server.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link TagRepository} on the {@code asset_tags} and {@code asset_metadata} tables. */
public final class JooqTagRepository implements TagRepository {

    private final Database db;

    public JooqTagRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<String> tags(String assetId) {
        return db.read(ctx -> ctx.select(ASSET_TAGS.TAG)
                .from(ASSET_TAGS)
                .where(ASSET_TAGS.ASSET_ID.eq(assetId))
                .orderBy(ASSET_TAGS.TAG)
                .fetch(ASSET_TAGS.TAG));
    }

    @Override
    public Map<String, List<String>> tags(Collection<String> assetIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (!assetIds.isEmpty()) {
            db.read(ctx -> ctx.select(ASSET_TAGS.ASSET_ID, ASSET_TAGS.TAG)
                            .from(ASSET_TAGS)
                            .where(ASSET_TAGS.ASSET_ID.in(assetIds))
                            .orderBy(ASSET_TAGS.ASSET_ID, ASSET_TAGS.TAG)
                            .fetch())
                    .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(r.value2()));
        }
        return out;
    }

    @Override
    public Map<String, Map<String, String>> metadata(Collection<String> assetIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (!assetIds.isEmpty()) {
            db.read(ctx -> ctx.selectFrom(ASSET_METADATA)
                            .where(ASSET_METADATA.ASSET_ID.in(assetIds))
                            .orderBy(ASSET_METADATA.ASSET_ID, ASSET_METADATA.META_KEY)
                            .fetch())
                    .forEach(r -> out.computeIfAbsent(r.getAssetId(), k -> new LinkedHashMap<>())
                            .put(r.getMetaKey(), r.getMetaValue()));
        }
        return out;
    }

    @Override
    public void replaceTags(String assetId, List<String> tags) {
        db.write(ctx -> {
            ctx.deleteFrom(ASSET_TAGS).where(ASSET_TAGS.ASSET_ID.eq(assetId)).execute();
            for (String tag : tags) {
                ctx.insertInto(ASSET_TAGS)
                        .set(ASSET_TAGS.ASSET_ID, assetId)
                        .set(ASSET_TAGS.TAG, tag)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public Map<String, String> metadata(String assetId) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(ctx -> ctx.selectFrom(ASSET_METADATA)
                        .where(ASSET_METADATA.ASSET_ID.eq(assetId))
                        .orderBy(ASSET_METADATA.META_KEY)
                        .fetch())
                .forEach(r -> out.put(r.getMetaKey(), r.getMetaValue()));
        return out;
    }

    @Override
    public void replaceMetadata(String assetId, Map<String, String> metadata) {
        db.write(ctx -> {
            ctx.deleteFrom(ASSET_METADATA)
                    .where(ASSET_METADATA.ASSET_ID.eq(assetId))
                    .execute();
            for (var e : metadata.entrySet()) {
                ctx.insertInto(ASSET_METADATA)
                        .set(ASSET_METADATA.ASSET_ID, assetId)
                        .set(ASSET_METADATA.META_KEY, e.getKey())
                        .set(ASSET_METADATA.META_VALUE, e.getValue())
                        .execute();
            }
            return null;
        });
    }
}
