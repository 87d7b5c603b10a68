package io.framewise.server.imports.clapshot;

import java.time.Instant;
import java.util.List;

/** What a Clapshot server stored, as read from its database (plain rows; nothing is interpreted yet). */
public record ClapshotData(
        List<User> users,
        List<Media> media,
        List<Comment> comments,
        List<Folder> folders,
        List<FolderItem> folderItems,
        List<Subtitle> subtitles,
        int messages,
        List<String> unknownMigrations) {

    public record User(String id, String name, Instant created) {}

    /**
     * @param fps the frame rate as Clapshot stored it: a decimal string such as {@code "29.970"}
     * @param totalFrames the frame count Clapshot measured, or {@code null}
     * @param defaultSubtitleId the subtitle Clapshot shows first, or {@code null}
     */
    public record Media(
            String id,
            String userId,
            Instant added,
            String origFilename,
            String title,
            String fps,
            Long totalFrames,
            boolean transcoded,
            Long defaultSubtitleId) {}

    /**
     * @param filename the WebVTT conversion in the media's {@code subs/} folder, {@code null} when the
     *     original is WebVTT
     * @param origFilename the uploaded file in {@code subs/orig/}
     * @param timeOffset seconds Clapshot adds to every cue time (may be negative)
     */
    public record Subtitle(
            long id,
            String mediaId,
            String title,
            String languageCode,
            String filename,
            String origFilename,
            double timeOffset) {}

    /**
     * @param userId the author, {@code null} when the account was deleted ({@code authorName} is then
     *     all that is left of them)
     * @param timecode {@code HH:MM:SS:FF}, empty or {@code null} when untimed
     * @param drawing a file name in the media's {@code drawings/} folder, a {@code data:} URL, or
     *     {@code null}/empty
     */
    public record Comment(
            long id,
            String mediaId,
            Long parentId,
            Instant created,
            Instant edited,
            String userId,
            String authorName,
            String text,
            String timecode,
            String drawing,
            Long subtitleId) {}

    public record Folder(long id, String userId, String title, Instant created) {}

    /** One placement: {@code mediaId} or {@code subfolderId} is set, never both. */
    public record FolderItem(long folderId, long sortOrder, long itemId, String mediaId, Long subfolderId) {}
}
