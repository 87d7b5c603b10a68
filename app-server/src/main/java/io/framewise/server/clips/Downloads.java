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
import io.framewise.server.media.Rendition;
import io.framewise.server.media.RenditionKind;
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
    private final DownloadCopies copies;

    public Downloads(
            MediaRepository media,
            ClipRepository clips,
            MediaFiles files,
            Permissions permissions,
            DownloadCopies copies) {
        this.copies = Objects.requireNonNull(copies, "copies");
        this.media = Objects.requireNonNull(media, "media");
        this.clips = Objects.requireNonNull(clips, "clips");
        this.files = Objects.requireNonNull(files, "files");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * Goes on only when the caller may download the item's original: people who may see it, and a
     * share link's guests whose link allows downloads (the authorizer's guest policy decides).
     */
    private void require(Caller caller, MediaItem item) {
        permissions.require(caller, Action.MEDIA_DOWNLOAD, new Resource.Media(item.id()));
    }

    /**
     * The item's original ({@code original}) or its browser proxy ({@code proxy}), once the caller
     * may download that file: a share link's guest needs the link's right for each.
     */
    public Download of(Caller caller, String mediaId, String what) {
        if (!"original".equals(what) && !"proxy".equals(what)) {
            throw new ApiException.BadRequest("rendition must be original or proxy, was " + what);
        }
        MediaItem item = media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media item " + mediaId, Map.of("id", mediaId)));
        require(caller, item);
        Optional<Clip> clip = clips.get(item.id());
        if ("proxy".equals(what)) {
            return proxy(caller, item, clip);
        }
        Path file = files.resolve(item.storedPath());
        if (clip.map(c -> !c.cut()).orElse(false) || !Files.isRegularFile(file)) {
            if (item.status() == MediaStatus.PROCESSING) {
                throw new ApiException.Conflict(
                        "Media " + item.id() + " is not cut yet: its file comes when its clip job is done",
                        Map.of("status", item.status().wire()));
            }
            throw new ApiException.NotFound("Media " + item.id() + " has no file to download", Map.of("id", item.id()));
        }
        String name = clip.map(c -> clipName(c, item)).orElse(item.originalName());
        long frames = item.probeSummary().map(ProbeSummary::frameCount).orElse(0L);
        Path sent = copies.fileFor(caller, item.id(), file, frames, "original");
        if (!sent.equals(file)) {
            // A copy made for this caller (a guest's burned watermark) is an MP4 whatever the original was.
            name = withExtension(name, MediaFiles.extensionOf(sent.getFileName().toString()));
        }
        return new Download(sent, name);
    }

    /**
     * The browser proxy; media without one play in browsers as they are, so their "proxy" is the
     * original, the same file the stream route sends.
     */
    private Download proxy(Caller caller, MediaItem item, Optional<Clip> clip) {
        Optional<Rendition> proxy = media.renditions(item.id()).stream()
                .filter(r -> r.kind() == RenditionKind.PROXY && r.status() == MediaStatus.READY)
                .findFirst();
        Path file = files.resolve(proxy.map(Rendition::path).orElse(item.storedPath()));
        if (!Files.isRegularFile(file) || clip.map(c -> !c.cut()).orElse(false)) {
            throw new ApiException.NotFound(
                    "Media " + item.id() + " has no file to download yet", Map.of("id", item.id()));
        }
        String base = clip.map(c -> clipName(c, item)).orElse(item.originalName());
        long frames = item.probeSummary().map(ProbeSummary::frameCount).orElse(0L);
        Path sent = copies.fileFor(caller, item.id(), file, frames, "proxy");
        String name = proxy.isPresent() || !sent.equals(file)
                ? stem(base) + "_proxy."
                        + MediaFiles.extensionOf(sent.getFileName().toString())
                : base;
        return new Download(sent, name);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String withExtension(String name, String extension) {
        return stem(name) + "." + extension;
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
