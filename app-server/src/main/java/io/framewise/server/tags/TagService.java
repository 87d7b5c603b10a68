package io.framewise.server.tags;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tags and metadata on assets: tags are written by users and organizers, metadata by organizers.
 * Bad input throws {@link IllegalArgumentException} naming the problem, before anything is stored.
 */
public final class TagService {

    static final int MAX_TAGS = 50;
    static final int MAX_METADATA = 100;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd} ._:-]{0,63}");

    private final TagRepository repository;

    public TagService(TagRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** The asset's tags, sorted. */
    public List<String> tags(String assetId) {
        return repository.tags(assetId);
    }

    /** The tags of several assets (a page of them), by asset, each sorted; untagged ones are left out. */
    public Map<String, List<String>> tags(Collection<String> assetIds) {
        return repository.tags(assetIds);
    }

    /** The metadata of several assets, by asset; those without any are left out. */
    public Map<String, Map<String, String>> metadata(Collection<String> assetIds) {
        return repository.metadata(assetIds);
    }

    /** Replaces the asset's tags, lower-cased and without duplicates. */
    public void setTags(String assetId, List<String> tags) {
        repository.replaceTags(assetId, normalizeTags(tags));
    }

    /** The asset's metadata, by key. */
    public Map<String, String> metadata(String assetId) {
        return repository.metadata(assetId);
    }

    /** Replaces the asset's metadata. */
    public void setMetadata(String assetId, Map<String, String> metadata) {
        checkMetadata(metadata);
        repository.replaceMetadata(assetId, metadata);
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
}
