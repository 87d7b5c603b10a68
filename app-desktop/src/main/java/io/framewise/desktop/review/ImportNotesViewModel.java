package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ImportModels.ImportedNote;
import io.framewise.desktop.client.ImportModels.NoteImport;
import io.framewise.desktop.client.ImportModels.Skipped;
import io.framewise.desktop.client.ServerText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Import EDL...": a file's locators and markers become notes on the version on screen. Choosing a
 * file runs a dry run first (the notes that would be created, those already imported, the skipped
 * lines with their reasons); {@link #importNow()} then writes them and reloads the notes. Changing
 * the offset or the events option runs the dry run again. Server calls run on {@code io};
 * properties change on {@code ui}.
 */
public final class ImportNotesViewModel {

    public enum State {
        EMPTY,
        CHECKING,
        PREVIEWED,
        IMPORTING,
        DONE,
        FAILED
    }

    /** The largest file read; the server refuses more. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Executor ui;
    private final Executor io;
    private final ApiClient api;
    private final String mediaId;
    private final LongFunction<String> timecode;
    private final Runnable imported;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty offset = new SimpleStringProperty("0");
    private final BooleanProperty events = new SimpleBooleanProperty(false);
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.EMPTY);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> skipped = FXCollections.observableArrayList();
    private final BooleanProperty canImport = new SimpleBooleanProperty(false);
    private byte[] bytes;

    /**
     * @param timecode the label of a frame of the media, to show where each note lands
     * @param imported called (on {@code ui}) after notes were written
     */
    public ImportNotesViewModel(
            Executor ui, Executor io, ApiClient api, String mediaId, LongFunction<String> timecode, Runnable imported) {
        this.ui = ui;
        this.io = io;
        this.api = api;
        this.mediaId = mediaId;
        this.timecode = timecode;
        this.imported = imported;
    }

    /** Whether a dropped file looks like one the importer reads (the server decides by content). */
    public static boolean importable(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return List.of(".edl", ".xml", ".fcpxml", ".otio", ".json").stream().anyMatch(name::endsWith);
    }

    /** Reads the file and runs the dry run. */
    public CompletableFuture<Void> choose(Path path) {
        file.set(path);
        try {
            if (Files.size(path) > MAX_BYTES) {
                return fail("The file is larger than " + MAX_BYTES / (1024 * 1024) + " MiB.");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            bytes = null;
            return fail("Cannot read " + path.getFileName() + ": " + e.getMessage());
        }
        return preview();
    }

    /** Runs the dry run again with the current offset and events option. */
    public CompletableFuture<Void> preview() {
        return run(true);
    }

    /** Writes the notes the dry run showed. */
    public CompletableFuture<Void> importNow() {
        return run(false);
    }

    private CompletableFuture<Void> run(boolean dryRun) {
        if (bytes == null) {
            return fail("Choose an EDL, FCP7 XML, FCPXML or OTIO file first.");
        }
        Long frames = parseOffset(offset.get());
        if (frames == null) {
            return fail("The offset is a whole number of frames (negative moves earlier).");
        }
        byte[] body = bytes;
        boolean withEvents = events.get();
        state.set(dryRun ? State.CHECKING : State.IMPORTING);
        error.set("");
        return CompletableFuture.supplyAsync(() -> api.importNotes(mediaId, body, dryRun, frames, withEvents), io)
                .handleAsync(
                        (answer, failure) -> {
                            if (failure != null) {
                                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                                show(null);
                                error.set(
                                        cause instanceof ApiError a
                                                ? ServerText.oneLine(a.getMessage())
                                                : String.valueOf(cause.getMessage()));
                                state.set(State.FAILED);
                            } else {
                                show(answer);
                                state.set(dryRun ? State.PREVIEWED : State.DONE);
                                if (!dryRun) {
                                    imported.run();
                                }
                            }
                            return null;
                        },
                        ui);
    }

    private void show(NoteImport answer) {
        if (answer == null) {
            notes.clear();
            skipped.clear();
            summary.set("");
            canImport.set(false);
            return;
        }
        notes.setAll(answer.notes().stream().map(this::line).toList());
        skipped.setAll(answer.skipped().stream().map(ImportNotesViewModel::line).toList());
        summary.set(summarize(answer));
        canImport.set(answer.dryRun() && answer.created() > 0);
    }

    private String line(ImportedNote n) {
        String where = n.frameOut() == null
                ? timecode.apply(n.frame())
                : timecode.apply(n.frame()) + " – " + timecode.apply(n.frameOut() - 1);
        String colour = n.colour() == null ? "" : " [" + n.colour() + "]";
        return where + colour + "  " + ServerText.oneLine(n.text());
    }

    private static String line(Skipped s) {
        return (s.line() > 0 ? "Line " + s.line() + ": " : "") + ServerText.oneLine(s.reason());
    }

    /** "2 notes would be created · 1 already imported · 3 skipped". */
    static String summarize(NoteImport r) {
        StringBuilder b = new StringBuilder()
                .append(r.created())
                .append(r.created() == 1 ? " note " : " notes ")
                .append(r.dryRun() ? "would be created" : "created");
        if (r.existing() > 0) {
            b.append(" · ").append(r.existing()).append(" already imported");
        }
        if (!r.skipped().isEmpty()) {
            b.append(" · ").append(r.skipped().size()).append(" skipped");
        }
        return b.toString();
    }

    static Long parseOffset(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return 0L;
        }
        if (!t.matches("[-+]?\\d{1,10}")) {
            return null;
        }
        long n = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        return Math.abs(n) > 1_000_000_000L ? null : n;
    }

    private CompletableFuture<Void> fail(String message) {
        show(null);
        error.set(message);
        state.set(State.FAILED);
        return CompletableFuture.completedFuture(null);
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty offsetProperty() {
        return offset;
    }

    public BooleanProperty eventsProperty() {
        return events;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ObservableList<String> skipped() {
        return skipped;
    }

    public BooleanProperty canImportProperty() {
        return canImport;
    }
}
