package io.framewise.desktop.library;

import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.Version;

/** One asset as the library lists it, with the media item of its latest version (null if unknown). */
public record LibraryRow(Asset asset, MediaItem media) {

    public String title() {
        return asset.title();
    }

    public Version latest() {
        return asset.latest();
    }

    public String approval() {
        Version v = latest();
        return v == null || v.approval() == null ? "needs_review" : v.approval().status();
    }

    /** "Ready", "Processing", or "Failed: reason", for the status column. */
    public String status() {
        if (media == null) {
            return "Unknown";
        }
        return switch (media.status()) {
            case "ready" -> "Ready";
            case "processing" -> "Processing...";
            case "failed" -> "Failed: " + (media.error() == null ? "unreadable" : media.error());
            default -> media.status();
        };
    }

    public boolean matches(String words) {
        String w = words.toLowerCase(java.util.Locale.ROOT);
        return asset.title().toLowerCase(java.util.Locale.ROOT).contains(w)
                || (media != null
                        && media.name().toLowerCase(java.util.Locale.ROOT).contains(w));
    }
}
