package io.framewise.server.organizer;

import static io.framewise.server.db.generated.Tables.ASSET_METADATA;
import static io.framewise.server.db.generated.Tables.ASSET_TAGS;

import io.framewise.server.db.Database;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Tags and metadata on assets, written by users (tags) and organizers (both). */
final class JooqLabelRepository {

    static final int MAX_TAGS = 50;
    static final int MAX_METADATA = 100;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd} ._:-]{0,63}");

    private final Database db;

    JooqLabelRepository(Database db) {
        this.db = db;
    }

    /** Lower-cases and de-duplicates; throws IllegalArgumentException naming a bad tag. */
    static List<String> normalizeTags(List<String> tags) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String raw : tags) {
            String tag = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException(
                        "a tag is 1 to 64 letters, digits, spaces or . _ : -, got '" + raw + "'");
            }
            clean.add(tag);
        }
        if (clean.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags per asset");
        }
        return List.copyOf(clean);
    }

    static void checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA) {
            throw new IllegalArgumentException("at most " + MAX_METADATA + " metadata keys per asset");
        }
        metadata.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 64) {
                throw new IllegalArgumentException("a metadata key is 1 to 64 characters, got '" + k + "'");
            }
            if (v == null || v.length() > 4096) {
                throw new IllegalArgumentException("the metadata value of '" + k + "' must be at most 4096 characters");
            }
        });
    }

    List<String> tags(String assetId) {
        return db.read(ctx -> ctx.select(ASSET_TAGS.TAG)
                .from(ASSET_TAGS)
                .where(ASSET_TAGS.ASSET_ID.eq(assetId))
                .orderBy(ASSET_TAGS.TAG)
                .fetch(ASSET_TAGS.TAG));
    }

    void setTags(String assetId, List<String> tags) {
        List<String> clean = normalizeTags(tags);
        db.write(ctx -> {
            ctx.deleteFrom(ASSET_TAGS).where(ASSET_TAGS.ASSET_ID.eq(assetId)).execute();
            for (String tag : clean) {
                ctx.insertInto(ASSET_TAGS)
                        .set(ASSET_TAGS.ASSET_ID, assetId)
                        .set(ASSET_TAGS.TAG, tag)
                        .execute();
            }
            return null;
        });
    }

    Map<String, String> metadata(String assetId) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(ctx -> ctx.selectFrom(ASSET_METADATA)
                        .where(ASSET_METADATA.ASSET_ID.eq(assetId))
                        .orderBy(ASSET_METADATA.META_KEY)
                        .fetch())
                .forEach(r -> out.put(r.getMetaKey(), r.getMetaValue()));
        return out;
    }

    void setMetadata(String assetId, Map<String, String> metadata) {
        checkMetadata(metadata);
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
