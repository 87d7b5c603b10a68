package io.framewise.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The server's JSON answers as the desktop app reads them; unknown fields are ignored. */
public final class ApiModels {

    private ApiModels() {}

    /**
     * A media item ({@code GET /api/media/{id}}); probe facts are null while it is processing. {@code
     * startFrame} is the number frame index 0 shows in frame mode (an image sequence's first file).
     */
    public record MediaItem(
            String id,
            String name,
            String status,
            Long frameCount,
            String frameRate,
            String startTimecode,
            Boolean dropFrame,
            Integer width,
            Integer height,
            Double durationSeconds,
            Boolean hasAudio,
            String error,
            List<Rendition> renditions,
            ClipOf clipOf,
            Long startFrame) {

        /** An item as servers before image sequences described it (no start frame: 0). */
        public MediaItem(
                String id,
                String name,
                String status,
                Long frameCount,
                String frameRate,
                String startTimecode,
                Boolean dropFrame,
                Integer width,
                Integer height,
                Double durationSeconds,
                Boolean hasAudio,
                String error,
                List<Rendition> renditions,
                ClipOf clipOf) {
            this(
                    id,
                    name,
                    status,
                    frameCount,
                    frameRate,
                    startTimecode,
                    dropFrame,
                    width,
                    height,
                    durationSeconds,
                    hasAudio,
                    error,
                    renditions,
                    clipOf,
                    null);
        }

        public boolean ready() {
            return "ready".equals(status);
        }

        public boolean hasRendition(String kind) {
            return renditions != null
                    && renditions.stream().anyMatch(r -> r.kind().equals(kind) && "ready".equals(r.status()));
        }
    }

    /**
     * Where a clip was cut from: frames [{@code in}, {@code out}) of its source; a copy cut that
     * snapped to keyframes says where it really starts and ends ({@code actualIn}, {@code actualOut}).
     */
    public record ClipOf(
            String mediaId,
            Long in,
            Long out,
            String mode,
            Boolean snapped,
            Long actualIn,
            Long actualOut,
            String templateId) {}

    public record Rendition(String kind, String status, String url) {}

    public record MediaPage(List<MediaItem> items, String next, Long total) {}

    /** {@code GET /api/media/{id}/framemap}: the facts the player needs to turn time into frames. */
    public record FrameMapInfo(
            long frameCount,
            String frameRate,
            String timeBase,
            double durationSeconds,
            boolean vfr,
            long[] keyframes) {}

    /**
     * A note; {@code drawing} is the vector drawing object (schema 1) or null. {@code resolvedBy} and
     * {@code resolvedAt} are null while it is open; {@code authorName} is the author's display name;
     * {@code colour} is its marker colour from the server's palette ("red", "green", ...) or null.
     */
    public record Note(
            String id,
            String mediaId,
            String parentId,
            long frame,
            Long frameOut,
            String text,
            JsonNode drawing,
            boolean resolved,
            String resolvedBy,
            String resolvedAt,
            String authorId,
            String authorName,
            String created,
            String edited,
            List<Attachment> attachments,
            String colour) {

        public Note {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        /** A note without attachments or colour. */
        public Note(
                String id,
                String mediaId,
                String parentId,
                long frame,
                Long frameOut,
                String text,
                JsonNode drawing,
                boolean resolved,
                String resolvedBy,
                String resolvedAt,
                String authorId,
                String authorName,
                String created,
                String edited) {
            this(
                    id,
                    mediaId,
                    parentId,
                    frame,
                    frameOut,
                    text,
                    drawing,
                    resolved,
                    resolvedBy,
                    resolvedAt,
                    authorId,
                    authorName,
                    created,
                    edited,
                    List.of(),
                    null);
        }
    }

    /**
     * A file that belongs to a note: a PNG picture (a drawing imported from another review tool).
     *
     * @param overlay laid over the note's frame as well as shown under the note
     * @param url where it is read, relative to the server
     */
    public record Attachment(
            String id,
            String kind,
            String contentType,
            long sizeBytes,
            Integer width,
            Integer height,
            boolean overlay,
            String url) {}

    public record NotePage(List<Note> items, String next) {}

    public record Project(String id, String name, String createdAt) {}

    public record Approval(String status, String by, String at) {}

    public record Version(String id, int number, String mediaId, String createdAt, Approval approval) {}

    public record Asset(
            String id,
            String projectId,
            String folderId,
            String title,
            String createdAt,
            int versionCount,
            List<Version> versions) {

        public Version latest() {
            return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
        }
    }

    public record User(String id, String name, String displayName, boolean isAdmin) {}

    public record LoginAnswer(User user, String csrfToken) {}

    public record IssuedToken(String id, String token, String name, String createdAt, String expiresAt) {}

    public record AuthConfig(String mode) {}

    /** A link on a folder page: a breadcrumb or a folder to open. */
    public record Crumb(String path, String name) {}

    /** A folder on a page; {@code folderId} is null for virtual folders (a project, a user). */
    public record FolderEntry(String path, String name, String folderId) {}

    /** An asset as a folder page lists it; the library fetches its versions separately. */
    public record PageAsset(String id, String title, List<String> tags) {}

    /** An action a user can pick; {@code targetType} is asset, folder, media, or empty for the page. */
    public record OrganizerAction(String organizer, String id, String label, String description, String targetType) {

        public boolean forPage() {
            return targetType == null || targetType.isEmpty();
        }
    }

    /** {@code GET /api/folders?path=}: the organizer's page for a folder path. */
    public record FolderPage(
            String path,
            String title,
            String organizer,
            List<Crumb> breadcrumbs,
            List<FolderEntry> folders,
            List<PageAsset> assets,
            List<OrganizerAction> actions,
            String nextPageToken) {}

    /** What an action did; {@code navigatePath} is where to go next, if anywhere. */
    public record ActionResult(String message, String navigatePath) {}

    /** Someone a note on a media item may {@code @mention}: {@code name} is what follows the {@code @}. */
    public record Mentionable(String userId, String name, String displayName) {}

    /** A review request as the server answers it: who was asked, by when (a UTC day), and whether it is overdue. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record ReviewRequest(String id, String assetId, String due, boolean overdue, String message) {}

    /** An asset on the home page: the asset, its newest (or last watched) media and, to continue, the frame. */
    public record HomeEntry(Asset asset, String mediaId, String at, Long frame) {}

    /** A notification about a note addressed to the signed-in person. */
    public record HomeMention(
            String id,
            String kind,
            String text,
            String subjectType,
            String subjectId,
            String assetId,
            Long frame,
            String createdAt,
            boolean read) {}

    /** {@code GET /api/home}: the four sections of the start screen. */
    public record Home(
            List<HomeEntry> needsReview,
            List<HomeMention> mentions,
            List<HomeEntry> recent,
            @com.fasterxml.jackson.annotation.JsonProperty("continue") List<HomeEntry> continueWatching) {}
}
