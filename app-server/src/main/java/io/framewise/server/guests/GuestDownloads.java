package io.framewise.server.guests;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.model.time.FrameRange;
import io.framewise.server.access.Caller;
import io.framewise.server.access.GuestRight;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import io.framewise.server.shares.Share;
import io.framewise.server.shares.ShareRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a download answers with for a share link's guest, for the download route to call once it
 * has decided {@link io.framewise.server.access.Action#MEDIA_DOWNLOAD}: the file itself, or, on a
 * watermark link, a copy with the guest's name, e-mail and the time burned into every frame
 * (re-encoded once per guest and media item, then kept, so a resumed download with Range gets the
 * same bytes). Each download is counted in the link's analytics and audited.
 */
public final class GuestDownloads {

    /** The burned copies, under the data folder: one folder per guest session. */
    public static final String FOLDER = "guest-downloads";

    private final ShareRepository shares;
    private final GuestRepository guests;
    private final Permissions permissions;
    private final UnitOfWork work;
    private final Path folder;
    private final Clock clock;
    private final ClipCutter cutter = new ClipCutter();
    private final Map<String, Object> making = new ConcurrentHashMap<>();

    public GuestDownloads(
            ShareRepository shares,
            GuestRepository guests,
            Permissions permissions,
            UnitOfWork work,
            Path dataDir,
            Clock clock) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.guests = Objects.requireNonNull(guests, "guests");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.work = Objects.requireNonNull(work, "work");
        this.folder = dataDir.resolve(FOLDER);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The file to send: {@code file} for people and for guests of links without a watermark, the
     * guest's burned copy otherwise. Counts and audits the download when the caller is a guest.
     *
     * @param file the original (or the rendition) the route would send
     * @param frameCount the media's frames, all of which the burned copy has
     * @param rendition what is downloaded: {@code proxy} needs the downloadProxy right, anything else
     *     (the original) the download right
     */
    public Path fileFor(Caller caller, String mediaId, Path file, long frameCount, String rendition) {
        if (!(caller.principal() instanceof Principal.Guest guest)) {
            return file;
        }
        // The route allowed MEDIA_DOWNLOAD for either download right; each right is for its own file.
        GuestRight needed = "proxy".equals(rendition) ? GuestRight.DOWNLOAD_PROXY : GuestRight.DOWNLOAD;
        if (!guest.may(needed)) {
            throw new ApiException.Forbidden(
                    "Not allowed: this link does not allow downloading the " + rendition + ".",
                    Map.of("action", "media_download"));
        }
        Share share =
                shares.get(guest.shareId()).orElseThrow(() -> new ApiException.Unauthenticated("Open the link again."));
        Path answer = share.watermark() ? burned(guest, mediaId, file, frameCount) : file;
        work.inTransaction(() -> {
            guests.addDownload(guest.guestId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("shareId", guest.shareId());
            details.put("guest", guest.name());
            details.put("rendition", rendition);
            details.put("watermarked", share.watermark());
            permissions.audit(caller, "guest.downloaded", new Resource.Media(mediaId), AuditOutcome.SUCCESS, details);
        });
        return answer;
    }

    private Path burned(Principal.Guest guest, String mediaId, Path file, long frameCount) {
        Path target = folder.resolve(guest.guestId()).resolve(mediaId + ".mp4");
        // One encode per guest and media at a time; a second request waits for the first one's file.
        synchronized (making.computeIfAbsent(guest.guestId() + "/" + mediaId, k -> new Object())) {
            if (Files.isRegularFile(target)) {
                return target;
            }
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new ApiException.Unavailable("The download cannot be prepared: " + e.getMessage(), Map.of());
            }
            // Top right and small: the bottom is where templates burn titles and timecodes, which a
            // guest's line must not cover.
            ClipOptions options = ClipOptions.DEFAULT.withText(new ClipOptions.TextWatermark(
                    GuestService.watermark(guest, clock.instant()),
                    ClipOptions.Corner.TOP_RIGHT,
                    0.035,
                    0.7,
                    ClipOptions.DEFAULT_FONT));
            cutter.cut(
                    file,
                    target,
                    FrameRange.of(0, frameCount),
                    ClipMode.REENCODE,
                    options,
                    Progress.Listener.NONE,
                    Cancellation.NEVER);
            return target;
        }
    }
}
