package io.framewise.server.clips;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.ProbeSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads of originals: who may download ({@link #require}, the one place that decides), which
 * file, and under which name (a clip as {@code <title>_<tcIn>-<tcOut>.<ext>} with its source's
 * timecodes, anything else under its original name).
 */
public final class Downloads {

    /** A file to send and the name to send it under. */
    public record Download(Path file, String name) {}

    private final MediaRepository media;
    private final ClipRepository clips;
    private final MediaFiles files;
    private final Permissions permissions;

    public Downloads(MediaRepository media, ClipRepository clips, MediaFiles files, Permissions permissions) {
        this.media = Objects.requireNonNull(media, "media");
        this.clips = Objects.requireNonNull(clips, "clips");
        this.files = Objects.requireNonNull(files, "files");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * Goes on only when the caller may download the item's original. Today whoever may see the item
     * may download it; rights that differ by kind of caller (a share link's guests) belong here.
     */
    public void require(Caller caller, MediaItem item) {
        permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(item.id()));
    }

    /** The item's original, once the caller may download it. */
    public Download original(Caller caller, String mediaId) {
        MediaItem item = media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media item " + mediaId, Map.of("id", mediaId)));
        require(caller, item);
        Optional<Clip> clip = clips.get(item.id());
        Path file = files.resolve(item.storedPath());
        if (clip.map(c -> !c.cut()).orElse(false) || !Files.isRegularFile(file)) {
            if (item.status() == MediaStatus.PROCESSING) {
                throw new ApiException.Conflict(
                        "Media " + item.id() + " is not cut yet: its file comes when its clip job is done",
                        Map.of("status", item.status().wire()));
            }
            throw new ApiException.NotFound(
                    "Media " + item.id() + " has no file to download", Map.of("id", item.id()));
        }
        return new Download(file, clip.map(c -> clipName(c, item)).orElse(item.originalName()));
    }

    private String clipName(Clip clip, MediaItem item) {
        String extension = MediaFiles.extensionOf(item.storedPath());
        Optional<ProbeSummary> source =
                media.get(clip.sourceId()).flatMap(MediaItem::probeSummary).filter(p -> p.frameRate() != null);
        if (source.isEmpty()) {
            // The source is gone: its timecodes with it; the clip's name still says what it was.
            return clip.title() + "." + extension;
        }
        SourceTimeline timeline = SourceTimeline.of(source.get());
        return DownloadName.forClip(
                clip.title(), timeline.label(clip.actualIn()), timeline.label(clip.actualOut()), extension);
    }
}
