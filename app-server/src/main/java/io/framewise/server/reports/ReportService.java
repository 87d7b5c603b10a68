package io.framewise.server.reports;

import io.framewise.media.clip.template.NoteDrawings;
import io.framewise.media.still.StillFormat;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.clips.SourceTimeline;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.Approval;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.AssetVersion;
import io.framewise.server.library.Project;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.media.FrameStills;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import io.framewise.server.users.User;
import io.framewise.server.users.UserRepository;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;

/**
 * The PDF review report of a media item: who may have it (whoever may see the item and its notes),
 * what it says ({@link ReviewReport}), and its making ({@link ReportPdf}) within a time budget and
 * a bound on reports made at once, since each decodes a still per thread.
 */
public final class ReportService {

    /** Stills in the report are this wide at most: sharp on paper, small in the file. */
    static final int STILL_WIDTH = 960;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final MediaRepository media;
    private final NoteRepository notes;
    private final UserRepository users;
    private final AssetRepository assets;
    private final ProjectRepository projects;
    private final FrameStills stills;
    private final Permissions permissions;
    private final Clock clock;
    private final Duration budget;
    private final Semaphore running;

    /**
     * @param budget the longest one report may take; past it the request ends with a 503
     * @param concurrent how many reports are made at once; more are refused with a 429
     */
    public ReportService(
            MediaRepository media,
            NoteRepository notes,
            UserRepository users,
            AssetRepository assets,
            ProjectRepository projects,
            FrameStills stills,
            Permissions permissions,
            Clock clock,
            Duration budget,
            int concurrent) {
        this.media = Objects.requireNonNull(media, "media");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.users = Objects.requireNonNull(users, "users");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.stills = Objects.requireNonNull(stills, "stills");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.running = new Semaphore(concurrent);
    }

    /** A report ready to be written, and the name it is downloaded under. */
    public interface Report {
        String fileName();

        void writeTo(OutputStream target) throws IOException;
    }

    /** The report of item {@code mediaId}, once the caller may see the item and its notes. */
    public Report of(Caller caller, String mediaId) {
        MediaItem item = media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media item " + mediaId, Map.of("id", mediaId)));
        permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(item.id()));
        permissions.require(caller, Action.NOTE_VIEW, new Resource.Media(item.id()));
        ReviewReport report = gather(item);
        String name = report.asset() + "_notes.pdf";
        return new Report() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public void writeTo(OutputStream target) throws IOException {
                make(item, report, target);
            }
        };
    }

    private void make(MediaItem item, ReviewReport report, OutputStream target) throws IOException {
        if (!running.tryAcquire()) {
            throw new ApiException.TooManyRequests("Other reports are being made right now; ask again shortly", 5);
        }
        try {
            Instant deadline = clock.instant().plus(budget);
            ReportPdf.write(
                    report,
                    entry -> still(item, entry),
                    () -> {
                        if (clock.instant().isAfter(deadline)) {
                            throw new ApiException.Unavailable(
                                    "The report of media " + item.id() + " took longer than " + budget.toSeconds()
                                            + " s",
                                    Map.of(
                                            "id",
                                            item.id(),
                                            "notes",
                                            report.entries().size()));
                        }
                    },
                    target);
        } finally {
            running.release();
        }
    }

    /** The entry's frame with its drawing burned in, or null for an item without pictures. */
    private BufferedImage still(MediaItem item, ReviewReport.Entry entry) throws IOException {
        ProbeSummary probe = item.probe();
        if (item.status() != MediaStatus.READY
                || item.frameMapPath() == null
                || probe == null
                || entry.frame() >= probe.frameCount()) {
            return null;
        }
        byte[] jpeg = stills.stillBytes(item, entry.frame(), STILL_WIDTH, StillFormat.JPEG);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (picture == null) {
            throw new IOException("the still of frame " + entry.frame() + " of " + item.id() + " is unreadable");
        }
        if (entry.drawing() != null) {
            BufferedImage rgb = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(picture, 0, 0, null);
            try {
                NoteDrawings.burn(rgb, entry.drawing().json());
            } catch (UncheckedIOException e) {
                // Drawings are checked on the way in; one that is not JSON any more is left out, not the report.
            }
            return rgb;
        }
        return picture;
    }

    private ReviewReport gather(MediaItem item) {
        Optional<String> assetId = assets.assetOfMedia(item.id());
        Optional<Asset> asset = assetId.flatMap(assets::get);
        String project = asset.flatMap(a -> projects.get(a.projectId()))
                .map(Project::name)
                .orElse("");
        Optional<AssetVersion> version = assetId.flatMap(a -> assets.versions(a).stream()
                .filter(v -> v.mediaId().equals(item.id()))
                .findFirst());
        String approval = version.flatMap(v -> assets.approval(v.id()))
                .map(ReportService::approvalLine)
                .orElse("Needs review");
        String title = asset.map(Asset::title).orElse(stem(item.originalName()));
        ProbeSummary probe = item.probe();
        SourceTimeline timeline = probe != null && probe.frameRate() != null ? SourceTimeline.of(probe) : null;
        String timing = timeline == null
                ? ""
                : probe.frameCount() + " frames at " + probe.frameRate() + " fps from " + timeline.label(0)
                        + (probe.dropFrame() ? " (drop frame)" : "");
        Map<String, String> names = new HashMap<>();
        List<Note> all = notes.listByMedia(item.id());
        Map<String, List<ReviewReport.Reply>> replies = new LinkedHashMap<>();
        all.stream()
                .filter(n -> n.parentId() != null)
                .sorted(Comparator.comparing(Note::created))
                .forEach(n -> replies.computeIfAbsent(n.parentId(), k -> new ArrayList<>())
                        .add(new ReviewReport.Reply(author(n, names), when(n.created()), n.text())));
        List<Note> threads = all.stream()
                .filter(n -> n.parentId() == null)
                .sorted(Comparator.comparingLong(Note::frame)
                        .thenComparing(Note::created)
                        .thenComparing(Note::id))
                .toList();
        List<ReviewReport.Entry> entries = new ArrayList<>(threads.size());
        for (Note n : threads) {
            String tc = timeline == null ? "" : timeline.label(n.frame());
            if (timeline != null && n.frameOut() != null) {
                tc += " – " + timeline.label(n.frameOut());
            }
            entries.add(new ReviewReport.Entry(
                    entries.size() + 1,
                    n.frame(),
                    n.frameOut(),
                    tc,
                    author(n, names),
                    when(n.created()),
                    n.text(),
                    n.resolved(),
                    n.drawing(),
                    replies.getOrDefault(n.id(), List.of())));
        }
        return new ReviewReport(
                project,
                title,
                version.map(v -> "v" + v.number()).orElse(""),
                approval,
                item.originalName(),
                timing,
                when(clock.instant()),
                probe == null ? 0 : probe.width(),
                probe == null ? 0 : probe.height(),
                entries);
    }

    private static String approvalLine(Approval a) {
        String status =
                switch (a.status()) {
                    case NEEDS_REVIEW -> "Needs review";
                    case CHANGES_REQUESTED -> "Changes requested";
                    case APPROVED -> "Approved";
                };
        return status + " (" + when(a.decidedAt()) + ")";
    }

    private String author(Note n, Map<String, String> names) {
        if (n.guest() != null) {
            return n.guest().name() + " (guest)";
        }
        return names.computeIfAbsent(
                n.authorId(), id -> users.get(id).map(User::displayName).orElse("Former user"));
    }

    private static String when(Instant t) {
        return WHEN.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
