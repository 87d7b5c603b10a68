package io.framewise.server.imports.clapshot;

import io.framewise.media.MediaException;
import io.framewise.media.image.OverlayImages;
import io.framewise.media.image.RgbaImage;
import io.framewise.server.attachments.AttachmentFiles;
import io.framewise.server.attachments.JooqNoteAttachmentRepository;
import io.framewise.server.attachments.NoteAttachment;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.AccountException;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.http.ApiException;
import io.framewise.server.ingest.IngestService;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.notes.Note;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.subtitles.SubtitleImport;
import io.framewise.server.subtitles.SubtitleService;
import io.framewise.server.upload.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Brings a Clapshot server's content into a Framewise data folder: users (passwordless accounts),
 * each user's folder tree (their {@code Home of '…'} root becomes their home project), media (the
 * original re-ingested: copied in and queued for the normal processing), comments as notes (threads,
 * frames, times, authors), drawings as PNG picture attachments and subtitles as sidecar subtitle
 * tracks. See ADR 0043.
 *
 * <p>Every object is written in its own unit of work together with its ledger row, so an interrupted
 * run continues where it stopped and a repeated run adds nothing. With {@code target == null} (a dry
 * run) nothing is written and the report says what would be.
 */
public final class ClapshotImporter {

    public static final String SOURCE = "clapshot";

    private static final Pattern DRAWING_FILE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ClapshotData data;
    private final Path videos;
    private final Target target;
    private final ImportReport report;
    private final Map<String, String> ledger;

    /** Where an import writes: the data folder's database and files. */
    public static final class Target {
        final Database db;
        final JooqImportRepository imports;
        final JooqAccountRepository accounts;
        final JooqProjectRepository projects;
        final JooqAssetRepository assets;
        final JooqMediaRepository media;
        final JooqJobRepository jobs;
        final JooqNoteAttachmentRepository attachments;
        final MediaFiles mediaFiles;
        final AttachmentFiles attachmentFiles;
        final SubtitleImport subtitles;

        public Target(Database db, Path dataDir, MediaStore store) {
            this.db = db;
            this.imports = new JooqImportRepository(db);
            this.accounts = new JooqAccountRepository(db, PasswordHasher.configured());
            this.projects = new JooqProjectRepository(db);
            this.assets = new JooqAssetRepository(db);
            this.media = new JooqMediaRepository(db);
            this.jobs = new JooqJobRepository(db);
            this.attachments = new JooqNoteAttachmentRepository(db);
            this.mediaFiles = new MediaFiles(dataDir, store);
            this.attachmentFiles = new AttachmentFiles(dataDir, store);
            this.subtitles = new SubtitleImport(db, mediaFiles);
        }
    }

    /**
     * @param videos Clapshot's {@code videos} folder (one sub-folder per media file)
     * @param ledger what earlier runs imported ({@link JooqImportRepository#readLedger})
     * @param target where to write, or {@code null} for a dry run
     */
    public ClapshotImporter(ClapshotData data, Path videos, Map<String, String> ledger, Target target) {
        this.data = data;
        this.videos = videos;
        this.target = target;
        this.report = new ImportReport(target == null);
        this.ledger = new HashMap<>(ledger);
    }

    public ImportReport run() {
        for (String v : data.unknownMigrations()) {
            report.adjusted(
                    "migration",
                    v,
                    "unknown Clapshot schema migration (not fatal; the tables read are the known ones)");
        }
        Map<String, String> users = importUsers();
        Map<String, String> formerUsers = importFormerUsers();
        FolderTree tree = new FolderTree(data);
        Map<Long, String> folders = importFolders(tree, users);
        Map<String, String> media = importMedia(tree, users, folders);
        importNotes(media, users, formerUsers);
        importSubtitles(media, users);
        long linked =
                data.comments().stream().filter(c -> c.subtitleId() != null).count();
        if (linked > 0) {
            report.notMapped(
                    "subtitle_link",
                    "*",
                    linked + " note(s) were written while a Clapshot subtitle was shown: they came over without"
                            + " a link to the subtitle track (notes here are not tied to a track)");
        }
        if (data.messages() > 0) {
            report.count("messages").skipped = data.messages();
            report.notMapped(
                    "messages",
                    "*",
                    data.messages() + " per-user notification message(s) not imported"
                            + " (Clapshot's log of processing events, not review content)");
        }
        return report;
    }

    private Map<String, String> importUsers() {
        Map<String, String> out = new HashMap<>();
        for (ClapshotData.User u : data.users()) {
            Optional<String> done = done("user", u.id());
            if (done.isPresent()) {
                out.put(u.id(), done.get());
                report.count("users").already++;
                continue;
            }
            String login = loginName(u.id());
            if (!login.equals(u.id())) {
                report.adjusted(
                        "user", u.id(), "login name '" + login + "' (Clapshot's id is not a valid login name here)");
            }
            String name = u.name() == null || u.name().isBlank() ? u.id() : u.name();
            out.put(
                    u.id(),
                    write(
                            () -> {
                                Account a = target.accounts.ensureExternal(login, name, null);
                                target.imports.record(SOURCE, "user", u.id(), a.id());
                                return a.id();
                            },
                            "user",
                            u.id()));
            report.count("users").created++;
        }
        return out;
    }

    /** Authors whose Clapshot account was deleted: a disabled "former user" account keeps their name. */
    private Map<String, String> importFormerUsers() {
        Map<String, String> out = new HashMap<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        data.users().forEach(u -> known.add(u.id()));
        for (ClapshotData.Comment c : data.comments()) {
            if (c.userId() != null && known.contains(c.userId())) {
                continue;
            }
            String name = c.authorName() == null || c.authorName().isBlank()
                    ? "Former user"
                    : c.authorName().strip();
            if (out.containsKey(name)) {
                continue;
            }
            Optional<String> done = done("former_user", name);
            if (done.isPresent()) {
                out.put(name, done.get());
                report.count("former_users").already++;
                continue;
            }
            String login = io.framewise.server.auth.UserNames.canonical(loginName("former-" + name));
            out.put(
                    name,
                    write(
                            () -> {
                                Account a = target.accounts.ensureExternal(login, name, null);
                                target.accounts.setDisabled(a.id(), true);
                                target.imports.record(SOURCE, "former_user", name, a.id());
                                return a.id();
                            },
                            "former_user",
                            name));
            report.count("former_users").created++;
            report.adjusted(
                    "user",
                    name,
                    "a deleted Clapshot user: kept as the disabled account '" + login
                            + "' so their notes keep their name");
        }
        return out;
    }

    /** Roots become homes (the value is then {@code "project:<id>"}), sub-folders folders. */
    private Map<Long, String> importFolders(FolderTree tree, Map<String, String> users) {
        Map<Long, String> out = new HashMap<>();
        for (ClapshotData.Folder f : tree.inTreeOrder()) {
            String key = Long.toString(f.id());
            Optional<String> done = done("folder", key);
            boolean root = tree.isRoot(f.id());
            String counter = root ? "homes" : "folders";
            if (done.isPresent()) {
                out.put(f.id(), done.get());
                report.count(counter).already++;
                continue;
            }
            String owner = users.get(f.userId());
            if (owner == null) {
                report.count(counter).skipped++;
                report.notMapped("folder", key, "its owner '" + f.userId() + "' is not a Clapshot user");
                continue;
            }
            String parent = root ? null : out.get(tree.parentOf(f.id()));
            if (!root && parent == null) {
                report.count(counter).skipped++;
                report.notMapped("folder", key, "its parent folder was not imported");
                continue;
            }
            String title = f.title() == null || f.title().isBlank() ? "Folder " + key : f.title();
            out.put(
                    f.id(),
                    write(
                            () -> {
                                String id;
                                if (root) {
                                    id = "project:" + target.imports.ensureHome(owner, title);
                                } else {
                                    ParentRef p = ParentRef.of(parent);
                                    id = target.projects
                                            .createFolder(p.projectId(), p.folderId(), title)
                                            .id();
                                    id = "folder:" + p.projectId() + ":" + id;
                                }
                                target.imports.record(SOURCE, "folder", key, id);
                                return id;
                            },
                            "folder",
                            key));
            report.count(counter).created++;
        }
        return out;
    }

    /** A folder's place as kept in the ledger: {@code project:<p>} or {@code folder:<p>:<f>}. */
    private record ParentRef(String projectId, String folderId) {
        static ParentRef of(String ref) {
            String[] parts = ref.split(":");
            return parts[0].equals("project") ? new ParentRef(parts[1], null) : new ParentRef(parts[1], parts[2]);
        }
    }

    private Map<String, String> importMedia(FolderTree tree, Map<String, String> users, Map<Long, String> folders) {
        Map<String, String> out = new HashMap<>();
        for (ClapshotData.Media m : data.media()) {
            Optional<String> done = done("media", m.id());
            if (done.isPresent()) {
                out.put(m.id(), done.get());
                report.count("media").already++;
                continue;
            }
            String owner = users.get(m.userId());
            Path original = m.origFilename() == null
                    ? null
                    : safeChild(videos.resolve(m.id()).resolve("orig"), m.origFilename());
            if (owner == null || original == null || !Files.isRegularFile(original)) {
                report.count("media").skipped++;
                report.notMapped(
                        "media",
                        m.id(),
                        owner == null
                                ? "its owner '" + m.userId() + "' is not a Clapshot user"
                                : "its original file is missing: " + (original == null ? m.origFilename() : original));
                continue;
            }
            if (m.transcoded()) {
                report.adjusted(
                        "media",
                        m.id(),
                        "Clapshot played a transcode; the original was taken and is" + " processed here again");
            }
            Long folderKey = tree.folderOfMedia(m.id());
            String place = folderKey == null ? null : folders.get(folderKey);
            String title = m.title() == null || m.title().isBlank() ? m.origFilename() : m.title();
            out.put(m.id(), write(() -> ingest(m, original, owner, place, title), "media", m.id()));
            report.count("media").created++;
        }
        return out;
    }

    /** The original copied in (Clapshot's folder is left as it is) and queued like an upload. */
    private String ingest(ClapshotData.Media m, Path original, String owner, String place, String title) {
        String id = Ids.newId();
        String name = m.origFilename().length() <= 255
                ? m.origFilename()
                : m.origFilename().substring(0, 255);
        Path stored = target.mediaFiles.originalFor(id, FileNames.sanitize(name));
        try {
            Path part = stored.resolveSibling("." + stored.getFileName() + ".part");
            Files.createDirectories(stored.getParent());
            Files.copy(original, part, StandardCopyOption.REPLACE_EXISTING);
            MediaFiles.moveDurably(part, stored);
            long size = Files.size(stored);
            String sha = MediaFiles.sha256(stored);
            io.framewise.server.crypto.SealedMedia.sealIfOn(stored);
            // Any node may run the item's jobs: they find the original in the shared store.
            target.mediaFiles.publish(stored);
            return target.db.inTransaction(() -> {
                target.media.create(new NewMediaItem(id, name, target.mediaFiles.relative(stored), size, sha, owner));
                target.jobs.enqueue(JobKind.PROBE, id, IngestService.PROBE_PRIORITY, null);
                ParentRef p = place == null
                        ? new ParentRef(
                                target.imports.ensureHome(owner, "Home of '" + ownerName(m.userId()) + "'"), null)
                        : ParentRef.of(place);
                target.assets.createWithFirstVersion(
                        p.projectId(),
                        p.folderId(),
                        title.length() <= 200 ? title : title.substring(0, 200),
                        owner,
                        id);
                target.imports.record(SOURCE, "media", m.id(), id);
                return id;
            });
        } catch (IOException e) {
            target.mediaFiles.deleteAll(id);
            throw new UncheckedIOException("copying " + original + " failed", e);
        } catch (RuntimeException e) {
            target.mediaFiles.deleteAll(id);
            throw e;
        }
    }

    private void importNotes(Map<String, String> media, Map<String, String> users, Map<String, String> formerUsers) {
        Map<Long, ClapshotData.Comment> byId = new HashMap<>();
        data.comments().forEach(c -> byId.put(c.id(), c));
        Map<String, Long> frameCounts = new HashMap<>();
        data.media().forEach(m -> frameCounts.put(m.id(), m.totalFrames()));
        Map<String, String> fpsOf = new HashMap<>();
        data.media().forEach(m -> fpsOf.put(m.id(), m.fps()));
        // Threads first, replies after: a reply needs its thread's note.
        List<ClapshotData.Comment> ordered = new ArrayList<>(data.comments());
        ordered.sort(java.util.Comparator.comparing((ClapshotData.Comment c) -> c.parentId() != null)
                .thenComparing(ClapshotData.Comment::id));
        Map<Long, Long> frames = new HashMap<>();
        for (ClapshotData.Comment c : ordered) {
            String key = Long.toString(c.id());
            Optional<String> done = done("note", key);
            ClapshotData.Comment root = threadRoot(c, byId);
            if (done.isPresent()) {
                report.count("notes").already++;
                frames.put(c.id(), frameOf(root, fpsOf, frameCounts, false));
                attachLater(c, key, done.get());
                continue;
            }
            String mediaId = media.get(c.mediaId());
            if (mediaId == null) {
                report.count("notes").skipped++;
                report.notMapped("note", key, "its media file " + c.mediaId() + " was not imported");
                continue;
            }
            String author = c.userId() != null && users.containsKey(c.userId())
                    ? users.get(c.userId())
                    : formerUsers.get(
                            c.authorName() == null || c.authorName().isBlank()
                                    ? "Former user"
                                    : c.authorName().strip());
            String parent = null;
            if (c.parentId() != null) {
                if (root == null || (parent = ledger.get("note/" + root.id())) == null) {
                    report.count("notes").skipped++;
                    report.notMapped("note", key, "the thread it replies to was not imported");
                    continue;
                }
                if (!c.parentId().equals(root.id())) {
                    report.adjusted(
                            "note",
                            key,
                            "replied to comment " + c.parentId() + "; filed in its thread (of comment " + root.id()
                                    + ") in order of writing");
                }
            }
            long frame =
                    c.parentId() == null ? frameOf(c, fpsOf, frameCounts, true) : frames.getOrDefault(root.id(), 0L);
            frames.put(c.id(), frame);
            String text = noteText(c, key);
            Drawn drawing = drawing(c, key);
            String threadNote = parent;
            String noteId = Ids.newId();
            write(
                    () -> {
                        String png = drawing == null ? null : writePng(noteId, drawing);
                        try {
                            target.db.inTransaction(() -> {
                                target.imports.insertNote(new JooqImportRepository.ImportedNote(
                                        noteId, mediaId, threadNote, frame, text, author, c.created(), c.edited()));
                                if (drawing != null) {
                                    storeAttachment(noteId, drawing, png, c, key);
                                }
                                target.imports.record(SOURCE, "note", key, noteId);
                            });
                        } catch (RuntimeException e) {
                            if (png != null) {
                                target.attachmentFiles.delete(png);
                            }
                            throw e;
                        }
                        return noteId;
                    },
                    "note",
                    key);
            report.count("notes").created++;
            if (drawing != null) {
                report.count("attachments").created++;
            }
        }
    }

    /**
     * Each Clapshot subtitle as a sidecar track of its media (through the subtitles feature, which
     * checks and converts it like an upload): the original file, or Clapshot's WebVTT conversion
     * when the original is missing or unreadable; {@code time_offset} moves the cues.
     */
    private void importSubtitles(Map<String, String> media, Map<String, String> users) {
        Map<String, ClapshotData.Media> byId = new HashMap<>();
        data.media().forEach(m -> byId.put(m.id(), m));
        for (ClapshotData.Subtitle s : data.subtitles()) {
            String key = Long.toString(s.id());
            if (done("subtitle", key).isPresent()) {
                report.count("subtitles").already++;
                continue;
            }
            String mediaId = media.get(s.mediaId());
            ClapshotData.Media m = byId.get(s.mediaId());
            if (mediaId == null || m == null) {
                report.count("subtitles").skipped++;
                report.notMapped("subtitle", key, "its media file " + s.mediaId() + " was not imported");
                continue;
            }
            List<Path> candidates = new ArrayList<>();
            Path subs = videos.resolve(s.mediaId()).resolve("subs");
            if (s.origFilename() != null && safeChild(subs.resolve("orig"), s.origFilename()) != null) {
                candidates.add(safeChild(subs.resolve("orig"), s.origFilename()));
            }
            if (s.filename() != null && safeChild(subs, s.filename()) != null) {
                candidates.add(safeChild(subs, s.filename()));
            }
            List<String> missing = new ArrayList<>();
            candidates.removeIf(p -> !Files.isRegularFile(p) && missing.add(p.getFileName() + ": missing"));
            if (candidates.isEmpty()) {
                report.count("subtitles").skipped++;
                report.notMapped(
                        "subtitle",
                        key,
                        "its files are missing (" + s.origFilename() + " in subs/orig/, " + s.filename()
                                + " in subs/)");
                continue;
            }
            String label = s.title() == null || s.title().isBlank()
                    ? s.origFilename()
                    : s.title().strip();
            if (label != null && label.length() > 100) {
                label = label.substring(0, 100);
            }
            boolean isDefault = m.defaultSubtitleId() != null && m.defaultSubtitleId() == s.id();
            Duration shift = Duration.ofNanos(Math.round(s.timeOffset() * 1e9));
            if (addSubtitle(s, key, mediaId, users.get(m.userId()), label, isDefault, shift, candidates, missing)) {
                report.count("subtitles").created++;
            } else {
                report.count("subtitles").skipped++;
            }
        }
    }

    /** Tries the subtitle's files in order; false (reported) when none could be read. */
    private boolean addSubtitle(
            ClapshotData.Subtitle s,
            String key,
            String mediaId,
            String owner,
            String label,
            boolean isDefault,
            Duration shift,
            List<Path> files,
            List<String> missing) {
        List<String> problems = new ArrayList<>(missing);
        for (Path file : files) {
            try {
                if (Files.size(file) > SubtitleService.MAX_BYTES) {
                    problems.add(file.getFileName() + ": larger than 2 MiB");
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                write(
                        () -> target.subtitles.add(
                                mediaId,
                                s.languageCode(),
                                label,
                                isDefault,
                                bytes,
                                shift,
                                owner,
                                id -> target.imports.record(SOURCE, "subtitle", key, id)),
                        "subtitle",
                        key);
                if (!problems.isEmpty()) {
                    report.adjusted(
                            "subtitle",
                            key,
                            "taken from " + file.getFileName() + " (" + String.join("; ", problems) + ")");
                }
                return true;
            } catch (IOException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
            } catch (ApiException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        report.notMapped("subtitle", key, "no file of it could be read: " + String.join("; ", problems));
        return false;
    }

    /** The attachment row and its ledger row ({@code drawing/<comment>}), in the open unit of work. */
    private void storeAttachment(String noteId, Drawn drawing, String png, ClapshotData.Comment c, String key) {
        target.attachments.create(new NoteAttachment(
                drawing.id(),
                noteId,
                "image/png",
                png,
                drawing.image().png().length,
                drawing.image().width(),
                drawing.image().height(),
                true,
                c.created()));
        target.imports.record(SOURCE, "drawing", key, drawing.id());
    }

    /**
     * A note brought over earlier without its drawing (the file was missing then): the drawing is
     * attached now if it can be read.
     */
    private void attachLater(ClapshotData.Comment c, String key, String noteId) {
        if (c.drawing() == null || c.drawing().isBlank()) {
            return;
        }
        if (done("drawing", key).isPresent()) {
            report.count("attachments").already++;
            return;
        }
        Drawn drawing = drawing(c, key);
        if (drawing == null) {
            return;
        }
        write(
                () -> {
                    String png = writePng(noteId, drawing);
                    try {
                        target.db.inTransaction(() -> storeAttachment(noteId, drawing, png, c, key));
                    } catch (RuntimeException e) {
                        target.attachmentFiles.delete(png);
                        throw e;
                    }
                    return drawing.id();
                },
                "drawing",
                key);
        report.count("attachments").created++;
    }

    private static ClapshotData.Comment threadRoot(ClapshotData.Comment c, Map<Long, ClapshotData.Comment> byId) {
        ClapshotData.Comment at = c;
        for (int hops = 0; at != null && at.parentId() != null && hops < 10_000; hops++) {
            at = byId.get(at.parentId());
        }
        return at;
    }

    /** The rule of {@link ClapshotTimecodes}; untimed and unreadable notes sit at frame 0 (reported). */
    private long frameOf(ClapshotData.Comment c, Map<String, String> fps, Map<String, Long> counts, boolean tell) {
        if (c == null) {
            return 0;
        }
        String key = Long.toString(c.id());
        if (ClapshotTimecodes.untimed(c.timecode())) {
            if (tell) {
                report.adjusted("note", key, "untimed in Clapshot: placed at frame 0");
            }
            return 0;
        }
        OptionalLong frame = ClapshotTimecodes.frameOf(c.timecode(), fps.get(c.mediaId()));
        if (frame.isEmpty()) {
            if (tell) {
                report.adjusted(
                        "note",
                        key,
                        "timecode '" + c.timecode() + "' unreadable at fps '" + fps.get(c.mediaId())
                                + "': placed at frame 0");
            }
            return 0;
        }
        Long count = counts.get(c.mediaId());
        if (count != null && count > 0 && frame.getAsLong() >= count) {
            if (tell) {
                report.adjusted(
                        "note",
                        key,
                        "timecode " + c.timecode() + " is past the last frame: placed on frame " + (count - 1));
            }
            return count - 1;
        }
        return frame.getAsLong();
    }

    private String noteText(ClapshotData.Comment c, String key) {
        String text = c.text() == null ? "" : c.text().strip();
        if (text.isEmpty()) {
            report.adjusted("note", key, "empty text in Clapshot: given the text '(drawing)'");
            return "(drawing)";
        }
        if (text.length() > Note.MAX_TEXT) {
            report.adjusted("note", key, "text cut to " + Note.MAX_TEXT + " characters");
            return text.substring(0, Note.MAX_TEXT);
        }
        return text;
    }

    private record Drawn(String id, RgbaImage image) {}

    /** The drawing as a decoded picture, or {@code null} (none, or unreadable: reported). */
    private Drawn drawing(ClapshotData.Comment c, String key) {
        String d = c.drawing();
        if (d == null || d.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            if (d.startsWith("data:")) {
                int comma = d.indexOf(',');
                if (comma < 0 || !d.substring(0, comma).endsWith(";base64")) {
                    throw new IllegalArgumentException("not a base64 data URL");
                }
                bytes = Base64.getMimeDecoder().decode(d.substring(comma + 1));
            } else {
                Path file = DRAWING_FILE.matcher(d).matches()
                        ? safeChild(videos.resolve(c.mediaId()).resolve("drawings"), d)
                        : null;
                if (file == null || !Files.isRegularFile(file)) {
                    report.count("attachments").skipped++;
                    report.notMapped(
                            "drawing", key, "drawing file '" + d + "' is missing; the note came over without it");
                    return null;
                }
                if (Files.size(file) > OverlayImages.MAX_BYTES) {
                    throw new IllegalArgumentException("the file is too large");
                }
                bytes = Files.readAllBytes(file);
            }
            return new Drawn(Ids.newId(), OverlayImages.decode(bytes));
        } catch (IOException | IllegalArgumentException | MediaException e) {
            report.count("attachments").skipped++;
            report.notMapped(
                    "drawing",
                    key,
                    "drawing could not be read (" + e.getMessage() + "); the note came over without it");
            return null;
        }
    }

    private String writePng(String noteId, Drawn drawing) {
        try {
            return target.attachmentFiles.writePng(
                    noteId, drawing.id(), drawing.image().png());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the drawing of note " + noteId + " failed", e);
        }
    }

    /** {@code name} inside {@code dir}, or null when it would point elsewhere ("..", absolute). */
    private static Path safeChild(Path dir, String name) {
        Path p = dir.resolve(name).normalize();
        return p.getParent() != null && p.getParent().equals(dir.normalize()) ? p : null;
    }

    private Optional<String> done(String kind, String sourceId) {
        return Optional.ofNullable(ledger.get(kind + "/" + sourceId));
    }

    /** Runs a write (skipped in a dry run, which answers a stand-in id) and notes its result in the ledger. */
    private String write(java.util.function.Supplier<String> work, String kind, String sourceId) {
        String id = target == null ? "(new " + kind + " " + sourceId + ")" : work.get();
        if (target == null && kind.equals("folder")) {
            id = "project:dry:" + sourceId;
        }
        ledger.put(kind + "/" + sourceId, id);
        return id;
    }

    private String ownerName(String clapshotUserId) {
        return data.users().stream()
                .filter(u -> u.id().equals(clapshotUserId))
                .map(u -> u.name() == null || u.name().isBlank() ? u.id() : u.name())
                .findFirst()
                .orElse(clapshotUserId);
    }

    /** Clapshot's id as a login name here: kept when valid, else its invalid characters become '-'. */
    static String loginName(String id) {
        try {
            io.framewise.server.auth.UserNames.canonical(id);
            return id;
        } catch (AccountException.BadName e) {
            String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
            if (cleaned.length() > io.framewise.server.auth.UserNames.MAX_LENGTH) {
                cleaned = cleaned.substring(0, io.framewise.server.auth.UserNames.MAX_LENGTH);
            }
            return cleaned.isEmpty() ? "user-" + Integer.toHexString(id.hashCode()) : cleaned;
        }
    }

    /** Parses Clapshot times for callers outside this package (tests). */
    public static Instant clapshotTime(String text) {
        return ClapshotSource.time(text);
    }
}
