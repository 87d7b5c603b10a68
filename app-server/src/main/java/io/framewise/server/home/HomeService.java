package io.framewise.server.home;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.LibraryRoutes;
import io.framewise.server.library.LibraryService;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person's first screen: what needs their review, notes addressed to them, what arrived lately,
 * and where they left off. The rows come from {@link JooqHomeRepository}, which decides visibility
 * in SQL; each asset is then shown as the library shows it, and one an organizer's rule hides is left
 * out rather than refused.
 */
public final class HomeService {

    /** How many entries each section shows. */
    static final int SECTION_SIZE = 12;

    private final JooqHomeRepository repo;
    private final LibraryService library;
    private final MediaRepository media;
    private final Permissions permissions;

    public HomeService(
            JooqHomeRepository repo, LibraryService library, MediaRepository media, Permissions permissions) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.library = Objects.requireNonNull(library, "library");
        this.media = Objects.requireNonNull(media, "media");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /** The four sections for the signed-in person. */
    public Map<String, Object> home(Caller caller) {
        String me = caller.person().userId();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("needsReview", entries(caller, repo.needsReview(me, SECTION_SIZE)));
        out.put(
                "mentions",
                repo.mentions(me, SECTION_SIZE).stream()
                        .map(HomeService::mention)
                        .toList());
        out.put("recent", entries(caller, repo.recent(me, SECTION_SIZE)));
        out.put("continue", entries(caller, repo.continueWatching(me, SECTION_SIZE)));
        return out;
    }

    /**
     * Records the frame the signed-in person is at in a media item (a version of an asset): 422 for a
     * frame outside the media, 409 for media that is no version of any asset.
     */
    public Map<String, Object> savePosition(Caller caller, String mediaId, Long frame) {
        String me = caller.person().userId();
        permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(mediaId));
        MediaItem item = media.get(mediaId).orElseThrow(() -> new ApiException.NotFound("no such media: " + mediaId));
        if (frame == null || frame < 0) {
            throw new ApiException.Invalid("frame must be a whole number from 0", Map.of("field", "frame"));
        }
        long frames = item.probeSummary().map(p -> p.frameCount()).orElse(0L);
        if (frames > 0 && frame >= frames) {
            throw new ApiException.Invalid(
                    "frame " + frame + " is past the media's last frame " + (frames - 1), Map.of("field", "frame"));
        }
        String assetId = repo.assetOfMedia(mediaId)
                .orElseThrow(() -> new ApiException.Conflict(
                        "the media is no version of an asset: there is nothing to continue",
                        Map.of("mediaId", mediaId)));
        repo.savePosition(me, assetId, mediaId, frame);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assetId", assetId);
        out.put("mediaId", mediaId);
        out.put("frame", frame);
        return out;
    }

    private List<Map<String, Object>> entries(Caller caller, List<JooqHomeRepository.Entry> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JooqHomeRepository.Entry e : rows) {
            Map<String, Object> asset;
            try {
                asset = LibraryRoutes.assetView(library.asset(caller, e.assetId()));
            } catch (ApiException hidden) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset", asset);
            m.put("mediaId", e.mediaId());
            m.put("at", e.at().toString());
            m.put("frame", e.frame());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> mention(JooqHomeRepository.Mention n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("kind", n.kind());
        m.put("text", n.text());
        m.put("subjectType", n.subjectType());
        m.put("subjectId", n.subjectId());
        m.put("assetId", n.assetId());
        m.put("frame", n.frame());
        m.put("createdAt", n.created().toString());
        m.put("read", n.read() != null);
        return m;
    }
}
