package io.framewise.desktop.client;

import java.util.List;

/** The server's answers about share links and their analytics, as the desktop app reads them. */
public final class ShareModels {

    private ShareModels() {}

    /** What a link shows: an asset, a clip or a folder, with its title. */
    public record ShareTarget(String type, String id, String title) {}

    /**
     * A share link as its owner sees it; the link itself ({@code url}) is null: it is shown once,
     * when made. {@code state} is active, expired, revoked or used-up.
     */
    public record Share(
            String id,
            ShareTarget target,
            Integer version,
            String url,
            String createdBy,
            String createdAt,
            String expiresAt,
            Boolean hasPassword,
            List<String> rights,
            Integer maxViews,
            Long views,
            Boolean watermark,
            Boolean requireEmail,
            Boolean live,
            String title,
            String revokedAt,
            String state) {

        public boolean active() {
            return "active".equals(state);
        }

        public boolean allows(String right) {
            return rights != null && rights.contains(right);
        }
    }

    public record SharePage(List<Share> items) {}

    /** {@code POST /api/shares}: the new link's id, its address and token (answered this once). */
    public record IssuedShare(String id, String url, String token) {}

    /** One guest of a link: who, when, and what they did. */
    public record GuestActivity(
            String name,
            String email,
            String firstSeen,
            String lastSeen,
            Double watchSeconds,
            Long downloads,
            Long notes) {}

    /** How often each part of the media was watched: {@code buckets} spread over its frames. */
    public record Heat(String mediaId, Long frameCount, List<Long> buckets) {}

    /** {@code GET /api/shares/{id}/analytics}. */
    public record ShareAnalytics(
            Long opens,
            Long uniqueGuests,
            Double watchSeconds,
            Long downloads,
            Long notes,
            List<GuestActivity> guests,
            Heat heat) {}
}
