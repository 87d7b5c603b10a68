package io.framewise.desktop.markers;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.review.ReviewViewModel;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Export notes" window: the media's notes as a marker file for an editing application. The
 * reviewer picks the format and which notes (open, resolved or all; some authors; a frame range)
 * and where to save; the server makes the file (GET /api/media/{id}/markers) and it is written
 * there. Server calls and the file write run on {@code io}; properties change on {@code ui}.
 */
public final class ExportNotesViewModel {

    public enum Status {
        ALL("All notes", "all"),
        OPEN("Open notes", "open"),
        RESOLVED("Resolved notes", "resolved");

        private final String label;
        private final String wire;

        Status(String label, String wire) {
            this.label = label;
            this.wire = wire;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum State {
        EDITING,
        SAVING,
        SAVED,
        FAILED
    }

    /** An author who started threads on the media, and whether their notes are kept. */
    public static final class AuthorChoice {
        private final String id;
        private final String name;
        private final BooleanProperty selected = new SimpleBooleanProperty(false);

        AuthorChoice(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public BooleanProperty selectedProperty() {
            return selected;
        }
    }

    private final Executor ui;
    private final Executor io;
    private final ObjectProperty<MarkerExportFormat> format =
            new SimpleObjectProperty<>(MarkerExportFormat.RESOLVE_EDL);
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.ALL);
    private final ObservableList<AuthorChoice> authors = FXCollections.observableArrayList();
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final IntegerProperty kept = new SimpleIntegerProperty();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.EDITING);
    private final StringProperty message = new SimpleStringProperty("");
    private List<Note> roots = List.of();
    private ApiClient api;
    private String mediaId;
    private String mediaName;
    private long marksIn = -1;
    private long marksOut = -1;

    public ExportNotesViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
        format.addListener((o, a, b) -> update());
        status.addListener((o, a, b) -> update());
        from.addListener((o, a, b) -> update());
        to.addListener((o, a, b) -> update());
    }

    /**
     * Prepares an export of the notes of media {@code mediaId} (called {@code mediaName}), whose
     * threads are {@code threads}; {@code markIn}/{@code markOut} are the I/O marks (inclusive
     * frames, -1 when unset), offered as the range.
     */
    public void open(
            ApiClient client, String mediaId, String mediaName, List<NoteThread> threads, long markIn, long markOut) {
        this.api = client;
        this.mediaId = mediaId;
        this.mediaName = mediaName;
        this.marksIn = markIn;
        this.marksOut = markOut;
        this.roots = threads.stream().map(NoteThread::first).toList();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Note n : roots) {
            seen.putIfAbsent(n.authorId(), n.authorName() == null ? n.authorId() : n.authorName());
        }
        List<AuthorChoice> choices = new ArrayList<>();
        seen.forEach((id, name) -> {
            AuthorChoice c = new AuthorChoice(id, name);
            c.selectedProperty().addListener((o, a, b) -> update());
            choices.add(c);
        });
        authors.setAll(choices);
        state.set(State.EDITING);
        message.set("");
        update();
    }

    /** Prepares an export of what the review shows: its media, its notes and its I/O marks. */
    public void openFor(ReviewViewModel review) {
        PlaybackViewModel pb = review.playback();
        MediaItem media = review.mediaProperty().get();
        open(
                review.connection().api(),
                media.id(),
                media.name(),
                List.copyOf(review.notes().threads()),
                pb.loopInProperty().get(),
                pb.loopOutProperty().get());
    }

    /** Whether I/O marks are set, so the range can be taken from them. */
    public boolean hasMarks() {
        return marksIn >= 0 && marksOut >= marksIn;
    }

    /** Takes the range from the I/O marks. */
    public void useMarks() {
        if (hasMarks()) {
            from.set(Long.toString(marksIn));
            to.set(Long.toString(marksOut));
        }
    }

    /** The file name the save dialog proposes. */
    public String suggestedFileName() {
        return format.get().fileName(mediaName);
    }

    /** The export's query string, as the server reads it. */
    public String query() {
        StringBuilder q = new StringBuilder("format=").append(format.get().wire());
        q.append("&status=").append(status.get().wire);
        for (AuthorChoice a : authors) {
            if (a.selectedProperty().get()) {
                q.append("&author=").append(URLEncoder.encode(a.id(), StandardCharsets.UTF_8));
            }
        }
        if (!from.get().isBlank()) {
            q.append("&from=").append(from.get().strip());
        }
        if (!to.get().isBlank()) {
            q.append("&to=").append(to.get().strip());
        }
        return q.toString();
    }

    /** Asks the server for the file and writes it to {@code target}. */
    public CompletableFuture<Void> save(Path target) {
        if (!problem.get().isEmpty() || api == null) {
            return CompletableFuture.completedFuture(null);
        }
        state.set(State.SAVING);
        message.set("Exporting…");
        String query = query();
        int count = kept.get();
        return CompletableFuture.supplyAsync(
                        () -> {
                            ApiClient.MarkerFile file = api.markers(mediaId, query);
                            try {
                                Files.write(target, file.body());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            return file;
                        },
                        io)
                .handleAsync(
                        (file, error) -> {
                            if (error == null) {
                                state.set(State.SAVED);
                                message.set("Saved " + count + (count == 1 ? " marker" : " markers") + " to "
                                        + target.getFileName());
                            } else {
                                Throwable cause = error.getCause() != null ? error.getCause() : error;
                                state.set(State.FAILED);
                                message.set(
                                        cause instanceof ApiError api
                                                ? "The server refused: " + api.getMessage()
                                                : "Could not save: " + cause.getMessage());
                            }
                            return null;
                        },
                        ui);
    }

    private void update() {
        Long first = frame(from.get());
        Long last = frame(to.get());
        if (first != null && first < 0 || last != null && last < 0) {
            problem.set("Frames are whole numbers, 0 or more.");
        } else if (first != null && last != null && first > last) {
            problem.set("The range must not end before it starts.");
        } else {
            problem.set("");
        }
        List<String> picked = authors.stream()
                .filter(a -> a.selectedProperty().get())
                .map(AuthorChoice::id)
                .toList();
        long lo = first == null || first < 0 ? Long.MIN_VALUE : first;
        long hi = last == null || last < 0 ? Long.MAX_VALUE : last;
        kept.set((int) roots.stream()
                .filter(n -> status.get() == Status.ALL || (status.get() == Status.RESOLVED) == n.resolved())
                .filter(n -> picked.isEmpty() || picked.contains(n.authorId()))
                .filter(n -> (n.frameOut() == null ? n.frame() : n.frameOut() - 1) >= lo && n.frame() <= hi)
                .count());
    }

    /** The typed frame: null when empty, -1 when not a whole number of 0 or more. */
    private static Long frame(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (!t.matches("\\d{1,18}")) {
            return -1L;
        }
        return Long.parseLong(t);
    }

    public ObjectProperty<MarkerExportFormat> formatProperty() {
        return format;
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    public ObservableList<AuthorChoice> authors() {
        return authors;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** What is wrong with the form ("" when it can be exported). */
    public StringProperty problemProperty() {
        return problem;
    }

    /** How many threads the filters keep. */
    public IntegerProperty keptProperty() {
        return kept;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
