package io.framewise.server.shares;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.ProbeSummary;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A link's analytics for those who manage it (revoked links keep theirs). */
public final class ShareAnalyticsService {

    public static final int DEFAULT_BUCKETS = 200;
    public static final int MAX_BUCKETS = 2000;

    private final ShareService shares;
    private final AnalyticsRepository analytics;
    private final MediaRepository media;
    private final Permissions permissions;

    public ShareAnalyticsService(
            ShareService shares, AnalyticsRepository analytics, MediaRepository media, Permissions permissions) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.media = Objects.requireNonNull(media, "media");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * @param mediaId the media item of the heat strip, or null for the one watched most
     * @param buckets how many slices the heat strip has
     */
    public ShareAnalytics of(Caller caller, String shareId, String mediaId, int buckets) {
        Share share = shares.manageable(caller, shareId);
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new ApiException.Invalid(
                    "buckets must be 1.." + MAX_BUCKETS, Map.of("field", "buckets"));
        }
        if (mediaId != null) {
            permissions.requireReferenced(caller, Action.MEDIA_VIEW, new Resource.Media(mediaId), "mediaId");
        }
        Optional<String> heatMedia =
                Optional.ofNullable(mediaId).or(() -> analytics.mostWatchedMedia(share.id()));
        ShareAnalytics.Heat heat = heatMedia
                .flatMap(id -> media.get(id).map(item -> {
                    ProbeSummary probe = item.probe();
                    long frames = probe == null ? 0 : Math.max(0, probe.frameCount());
                    return ShareAnalytics.heat(id, frames, buckets, analytics.watched(share.id(), id));
                }))
                .orElse(null);
        return ShareAnalytics.of(analytics.sessions(share.id()), heat);
    }
}
