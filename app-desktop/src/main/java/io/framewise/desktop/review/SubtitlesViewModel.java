package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.SubtitleModels.SubtitleCue;
import io.framewise.desktop.client.SubtitleModels.SubtitleTrack;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The subtitle overlay of the review: a track menu (off unless a track is marked default) and the
 * text of the cues on the playhead's frame. The cues come placed on frames by the server, so what
 * shows is decided by the frame index alone: exact while paused and stepping, and following the
 * presented frame while playing (the view feeds it the playback's frame). Every property changes on
 * the thread of {@code ui}.
 */
public final class SubtitlesViewModel {

    private final Executor ui;
    private final Executor io;
    private final ObservableList<SubtitleTrack> tracks = FXCollections.observableArrayList();
    /** The track shown; null is off. */
    private final ObjectProperty<SubtitleTrack> selected = new SimpleObjectProperty<>();

    private final StringProperty cueText = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private List<SubtitleCue> cues = List.of();
    private long frame;
    private ApiClient api;
    private String mediaId;
    private CompletableFuture<Void> loading = CompletableFuture.completedFuture(null);

    public SubtitlesViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
        selected.addListener((o, was, now) -> loading = loadCues(now));
    }

    /** The tracks of a media item; the default one (if any) is chosen and its cues loaded. */
    public CompletableFuture<Void> load(ApiClient client, String media) {
        this.api = client;
        this.mediaId = media;
        return CompletableFuture.supplyAsync(() -> client.subtitleTracks(media), io)
                .thenComposeAsync(
                        list -> {
                            tracks.setAll(list);
                            cues = List.of();
                            selected.set(null);
                            list.stream()
                                    .filter(t -> t.defaultTrack() && t.text())
                                    .findFirst()
                                    .ifPresent(selected::set);
                            error.set("");
                            show();
                            return loading;
                        },
                        ui)
                .exceptionallyAsync(
                        e -> {
                            tracks.clear();
                            error.set("The subtitle tracks could not be loaded.");
                            return null;
                        },
                        ui);
    }

    /** Shows a track (null: off); done when its cues are in. */
    public CompletableFuture<Void> select(SubtitleTrack track) {
        selected.set(track);
        return loading;
    }

    /** The playhead moved: show the cues of this frame. */
    public void showFrame(long n) {
        frame = n;
        show();
    }

    /** The first cue on the playhead's frame, for "Note on this cue". */
    public Optional<SubtitleCue> cueOnFrame() {
        return cues.stream().filter(c -> c.covers(frame)).findFirst();
    }

    /** A range note a cue starts: its frames [in, out) and its text quoted. */
    public record CueNote(long in, long out, String text) {}

    /** "Note on this cue": the note over the frames of the cue on the playhead's frame, if one is on. */
    public Optional<CueNote> noteOnCue() {
        return cueOnFrame()
                .map(c -> new CueNote(
                        c.startFrame(), c.endFrame(), "\u201c" + c.text().replace('\n', ' ') + "\u201d "));
    }

    private CompletableFuture<Void> loadCues(SubtitleTrack track) {
        cues = List.of();
        show();
        if (track == null || !track.text() || api == null) {
            return CompletableFuture.completedFuture(null);
        }
        ApiClient client = api;
        String media = mediaId;
        return CompletableFuture.supplyAsync(() -> client.subtitleCues(media, track.id()), io)
                .thenAcceptAsync(
                        list -> {
                            // A newer choice (or another media item) wins over a late answer.
                            if (track.equals(selected.get()) && media.equals(mediaId)) {
                                cues = List.copyOf(list);
                                show();
                            }
                        },
                        ui)
                .exceptionallyAsync(
                        e -> {
                            error.set("The subtitles could not be loaded.");
                            return null;
                        },
                        ui);
    }

    private void show() {
        cueText.set(cues.stream()
                .filter(c -> c.covers(frame))
                .map(SubtitleCue::text)
                .collect(Collectors.joining("\n")));
    }

    public ObservableList<SubtitleTrack> tracks() {
        return tracks;
    }

    public ObjectProperty<SubtitleTrack> selectedProperty() {
        return selected;
    }

    /** The text of the cues on the frame; empty when none (or subtitles are off). */
    public StringProperty cueTextProperty() {
        return cueText;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
