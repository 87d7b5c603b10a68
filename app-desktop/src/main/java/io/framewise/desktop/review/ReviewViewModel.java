package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.Version;
import io.framewise.desktop.client.Sprites;
import io.framewise.desktop.client.Waveform;
import io.framewise.desktop.connect.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One review: an asset's version on screen with its transport, notes, the drawing being made, the
 * version list and the version's approval. Opening and approving run on {@code io}.
 */
public final class ReviewViewModel {

    public static final List<String> APPROVALS = List.of("needs_review", "changes_requested", "approved");

    private final Executor ui;
    private final Executor io;
    private final MediaOpener opener;
    private final PlaybackViewModel playback;
    private final NotesViewModel notes;
    private final MentionCompletion mentions;
    private final DrawingEditor drawing = new DrawingEditor();
    private final ObservableList<Version> versions = FXCollections.observableArrayList();
    private final ObjectProperty<Version> version = new SimpleObjectProperty<>();
    private final ObjectProperty<MediaItem> media = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty approval = new SimpleStringProperty("needs_review");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty drawingMode = new SimpleBooleanProperty(false);
    private final ObjectProperty<MediaOpener.Opened> opened = new SimpleObjectProperty<>();
    private final ObjectProperty<Sprites> sprites = new SimpleObjectProperty<>();
    private final ObjectProperty<Waveform> waveform = new SimpleObjectProperty<>();
    private Connection connection;
    private Asset asset;

    public ReviewViewModel(Executor ui, Executor io, Ticker ticker, MediaOpener opener) {
        this.ui = ui;
        this.io = io;
        this.opener = opener;
        this.playback = new PlaybackViewModel(ui, ticker);
        this.notes = new NotesViewModel(ui, io);
        this.mentions = new MentionCompletion(ui, io);
        this.live = new LiveSessionViewModel(ui, io, playback);
        this.noteLoop = new NoteLoopViewModel(playback, notes);
        this.report = new ReportExport(ui, io);
        this.subtitles = new SubtitlesViewModel(ui, io);
        this.sceneCuts = new SceneCutsViewModel(ui, io, () -> notes.refresh());
        playback.frameProperty().addListener((o, was, now) -> subtitles.showFrame(now.longValue()));
        playback.frameProperty().addListener((o, was, now) -> reportPosition(now.longValue()));
    }

    /** Bumped by every frame change: only the last one in a quiet second is sent. */
    private final java.util.concurrent.atomic.AtomicLong positionStamp = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Tells the server where the person is (the home screen's "Continue watching") once the playhead
     * has rested a second, so playing or stepping sends one request, not one per frame.
     */
    private void reportPosition(long frame) {
        Connection conn = connection;
        MediaItem item = media.get();
        if (conn == null || item == null) {
            return;
        }
        long stamp = positionStamp.incrementAndGet();
        java.util.concurrent.CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS, io)
                .execute(() -> {
                    if (positionStamp.get() != stamp) {
                        return;
                    }
                    try {
                        conn.api().savePosition(item.id(), frame);
                    } catch (RuntimeException ignored) {
                        // A position is a convenience: a refusal or a dropped connection changes nothing here.
                    }
                });
    }

    private final SubtitlesViewModel subtitles;
    private final SceneCutsViewModel sceneCuts;

    /** Suggested scene markers: [ / ] and accepting them as notes. */
    public SceneCutsViewModel sceneCuts() {
        return sceneCuts;
    }

    public SubtitlesViewModel subtitles() {
        return subtitles;
    }

    private final NoteLoopViewModel noteLoop;
    private final ReportExport report;

    /** N / Shift+N and "loop notes". */
    public NoteLoopViewModel noteLoop() {
        return noteLoop;
    }

    /** "Export report…" of the shown version. */
    public ReportExport report() {
        return report;
    }

    /** Saves the shown version's PDF review report as {@code file}. */
    public CompletableFuture<Void> exportReport(java.nio.file.Path file) {
        Version v = version.get();
        if (v == null || connection == null) {
            return CompletableFuture.completedFuture(null);
        }
        return report.save(connection.api(), v.mediaId(), file);
    }

    private final LiveSessionViewModel live;

    public LiveSessionViewModel live() {
        return live;
    }

    /** Starts a live session on the shown version; this app drives. */
    public void startLive() {
        Version v = version.get();
        if (v != null) {
            live.start(connection.api(), v.mediaId());
        }
    }

    public void joinLive(String sessionId) {
        live.join(connection.api(), sessionId);
    }

    /** Opens the asset's latest version (or {@code chosen}); completes once its first still is asked for. */
    public CompletableFuture<Void> open(Connection conn, Asset a, Version chosen) {
        this.connection = conn;
        this.asset = a;
        title.set(a.title());
        versions.setAll(a.versions());
        Version v = chosen != null ? chosen : a.latest();
        return openVersion(v);
    }

    public CompletableFuture<Void> openVersion(Version v) {
        Connection conn = connection;
        message.set("Opening " + asset.title() + " v" + v.number() + "...");
        return CompletableFuture.supplyAsync(() -> opener.open(conn, v.mediaId()), io)
                .thenAcceptAsync(
                        o -> {
                            MediaOpener.Opened previous = opened.get();
                            playback.load(o.timing(), o.player(), o.stills(), o.seeks());
                            if (previous != null) {
                                previous.close();
                            }
                            opened.set(o);
                            version.set(v);
                            media.set(o.item());
                            approval.set(
                                    v.approval() == null
                                            ? "needs_review"
                                            : v.approval().status());
                            drawing.clear();
                            message.set(o.player().available() ? "" : o.player().unavailableReason());
                        },
                        ui)
                .thenCompose(x -> notes.load(conn.api(), v.mediaId()))
                .thenCompose(x -> mentions.load(conn.api(), v.mediaId()))
                .thenCompose(x -> subtitles.load(conn.api(), v.mediaId()))
                .thenCompose(x -> sceneCuts.load(conn.api(), v.mediaId()))
                .thenRunAsync(
                        () -> {
                            Sprites sheet = null;
                            try {
                                sheet = conn.api().sprites(v.mediaId());
                            } catch (RuntimeException e) {
                                // No hover preview then; the timeline still seeks.
                            }
                            Sprites found = sheet;
                            Waveform wave = null;
                            if (Boolean.TRUE.equals(
                                    media.get() == null ? null : media.get().hasAudio())) {
                                try {
                                    wave = conn.api().waveform(v.mediaId());
                                } catch (RuntimeException e) {
                                    // Still being made or unreadable: the timeline shows no envelope.
                                }
                            }
                            Waveform foundWave = wave;
                            ui.execute(() -> {
                                sprites.set(found);
                                waveform.set(foundWave);
                            });
                        },
                        io)
                .exceptionally(err -> {
                    ui.execute(() -> message.set(ApiError.reason(err)));
                    return null;
                });
    }

    /** Sets the shown version's approval; the server records who decided. */
    public CompletableFuture<Void> approve(String status) {
        Version v = version.get();
        if (v == null || !APPROVALS.contains(status)) {
            throw new IllegalArgumentException("approval must be one of " + APPROVALS);
        }
        return CompletableFuture.runAsync(() -> connection.api().approve(asset.id(), v.number(), status), io)
                .handleAsync(
                        (x, err) -> {
                            if (err != null) {
                                message.set("Approval not saved: " + ApiError.reason(err));
                            } else {
                                approval.set(status);
                            }
                            return null;
                        },
                        ui);
    }

    /** M: a note on the current frame (or the loop range when one is marked), with the drawing made. */
    public CompletableFuture<Void> addNote(String text) {
        if (text == null || text.isBlank()) {
            message.set("A note needs some words");
            return CompletableFuture.completedFuture(null);
        }
        long in = playback.loopInProperty().get();
        long out = playback.loopOutProperty().get();
        long frame = in >= 0 && out > in ? in : playback.frame();
        Long frameOut = in >= 0 && out > in ? out + 1 : null;
        List<Shape> shapes = List.copyOf(drawing.shapes());
        return notes.add(text.strip(), frame, frameOut, shapes)
                .thenRun(() -> ui.execute(() -> {
                    if (notes.errorProperty().get().isEmpty()) {
                        drawing.clear();
                        drawingMode.set(false);
                    }
                }));
    }

    /**
     * "Note on this cue": marks the frames of the subtitle cue on the playhead's frame, goes to its
     * first frame, and gives the text the composer starts with; empty when no cue is on.
     */
    public Optional<String> noteOnCue() {
        return subtitles.noteOnCue().map(n -> {
            playback.markRange(n.in(), n.out());
            playback.step(n.in() - playback.frame());
            return n.text();
        });
    }

    /** Jumps to a thread's frame (clicking a note or a timeline marker). */
    public void goTo(NoteThread t) {
        playback.step(t.frame() - playback.frame());
    }

    public void close() {
        live.close();
        playback.stop();
        MediaOpener.Opened o = opened.get();
        if (o != null) {
            o.close();
            opened.set(null);
        }
    }

    public Connection connection() {
        return connection;
    }

    public Asset asset() {
        return asset;
    }

    public PlaybackViewModel playback() {
        return playback;
    }

    /** "Request review" of the asset shown: who may see it, a due day and a message. */
    public RequestReviewViewModel requestReview() {
        Asset a = asset();
        MediaItem m = mediaProperty().get();
        if (connection == null || a == null || m == null) {
            return null;
        }
        return new RequestReviewViewModel(ui, io, connection.api(), a.id(), m.id());
    }

    /** {@code @name} completion for the note editor, on the media item shown. */
    public MentionCompletion mentions() {
        return mentions;
    }

    public NotesViewModel notes() {
        return notes;
    }

    public DrawingEditor drawing() {
        return drawing;
    }

    public ObservableList<Version> versions() {
        return versions;
    }

    public ObjectProperty<Version> versionProperty() {
        return version;
    }

    public ObjectProperty<MediaItem> mediaProperty() {
        return media;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty approvalProperty() {
        return approval;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty drawingModeProperty() {
        return drawingMode;
    }

    /** The audio envelope of the version on screen, or null (no sound, or not made yet). */
    public ObjectProperty<Waveform> waveformProperty() {
        return waveform;
    }

    public ObjectProperty<Sprites> spritesProperty() {
        return sprites;
    }

    public ObjectProperty<MediaOpener.Opened> openedProperty() {
        return opened;
    }
}
