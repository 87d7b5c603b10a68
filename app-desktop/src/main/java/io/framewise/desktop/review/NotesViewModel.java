package io.framewise.desktop.review;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.Note;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The notes of one media item, grouped into threads, with the filter the panel shows and the
 * commands to add, reply, edit, resolve and delete. Server calls run on {@code io}; the lists
 * change on {@code ui}. Every change reloads the list from the server, so what is shown is what is
 * stored (other reviewers' notes included).
 */
public final class NotesViewModel {

    public enum Filter {
        ALL("All"),
        OPEN("Open"),
        RESOLVED("Resolved");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Executor ui;
    private final Executor io;
    private final ObservableList<NoteThread> threads = FXCollections.observableArrayList();
    private final FilteredList<NoteThread> visible = new FilteredList<>(threads, t -> true);
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final java.util.Map<String, byte[]> pictures = new java.util.concurrent.ConcurrentHashMap<>();
    private ApiClient api;
    private String mediaId;

    public NotesViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
        filter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
    }

    public CompletableFuture<Void> load(ApiClient client, String media) {
        this.api = client;
        this.mediaId = media;
        return refresh();
    }

    public CompletableFuture<Void> refresh() {
        return run(() -> null);
    }

    /** A new thread on {@code frame} (to {@code frameOut} exclusive when not null), with a drawing or none. */
    public CompletableFuture<Void> add(String text, long frame, Long frameOut, List<Shape> drawing) {
        ObjectNode body =
                JsonNodeFactory.instance.objectNode().put("text", text).put("frame", frame);
        if (frameOut != null) {
            body.put("frameOut", frameOut);
        }
        if (drawing != null && !drawing.isEmpty()) {
            body.set("drawing", DrawingJson.write(drawing));
        }
        return run(() -> api.createNote(mediaId, body));
    }

    public CompletableFuture<Void> reply(NoteThread thread, String text) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("text", text)
                .put("parentId", thread.first().id());
        return run(() -> api.createNote(mediaId, body));
    }

    public CompletableFuture<Void> edit(Note note, String text) {
        return run(() ->
                api.updateNote(note.id(), JsonNodeFactory.instance.objectNode().put("text", text)));
    }

    public CompletableFuture<Void> resolve(NoteThread thread, boolean resolved) {
        return run(() -> api.updateNote(
                thread.first().id(), JsonNodeFactory.instance.objectNode().put("resolved", resolved)));
    }

    public CompletableFuture<Void> delete(Note note) {
        return run(() -> {
            api.deleteNote(note.id());
            return null;
        });
    }

    /**
     * The picture of a note's attachment (PNG bytes), read off the UI thread once and kept: attachments
     * never change. Fails with the server's answer when it may not be read.
     */
    public CompletableFuture<byte[]> picture(io.framewise.desktop.client.ApiModels.Attachment attachment) {
        byte[] known = pictures.get(attachment.id());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        ApiClient client = api;
        return CompletableFuture.supplyAsync(
                () -> {
                    byte[] png = client.attachment(attachment);
                    pictures.put(attachment.id(), png);
                    return png;
                },
                io);
    }

    /** The threads about {@code frame}, in order: the ones whose drawings the picture shows. */
    public List<NoteThread> at(long frame) {
        return threads.stream().filter(t -> t.covers(frame)).toList();
    }

    /** The first thread after (or, with {@code forward} false, before) {@code frame}: loop between notes. */
    public NoteThread neighbour(long frame, boolean forward) {
        NoteThread best = null;
        for (NoteThread t : threads) {
            if (forward
                    ? t.frame() > frame && (best == null || t.frame() < best.frame())
                    : t.frame() < frame && (best == null || t.frame() > best.frame())) {
                best = t;
            }
        }
        return best;
    }

    private CompletableFuture<Void> run(Supplier<Object> change) {
        ApiClient client = api;
        String media = mediaId;
        ui.execute(() -> busy.set(true));
        return CompletableFuture.supplyAsync(
                        () -> {
                            change.get();
                            return group(client.notes(media));
                        },
                        io)
                .handleAsync(
                        (list, err) -> {
                            busy.set(false);
                            if (err != null) {
                                error.set(ApiError.reason(err));
                            } else {
                                error.set("");
                                threads.setAll(list);
                            }
                            return null;
                        },
                        ui);
    }

    /**
     * Threads in frame order, replies under their first note in the order they came. Who resolved a
     * thread is named after their own notes on this media, if they wrote any.
     */
    static List<NoteThread> group(List<Note> flat) {
        Map<String, Note> firsts = new LinkedHashMap<>();
        Map<String, List<Note>> replies = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Note n : flat) {
            if (n.authorId() != null
                    && n.authorName() != null
                    && !n.authorName().isBlank()) {
                names.put(n.authorId(), n.authorName());
            }
            if (n.parentId() == null) {
                firsts.put(n.id(), n);
                replies.putIfAbsent(n.id(), new ArrayList<>());
            } else {
                replies.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        List<NoteThread> out = new ArrayList<>();
        for (Note first : firsts.values()) {
            out.add(new NoteThread(
                    first, replies.get(first.id()), first.resolvedBy() == null ? null : names.get(first.resolvedBy())));
        }
        out.sort(Comparator.comparingLong(NoteThread::frame));
        return out;
    }

    private void refilter() {
        Filter f = filter.get();
        String words = search.get() == null ? "" : search.get().strip();
        visible.setPredicate(t ->
                (f == Filter.ALL || (f == Filter.RESOLVED) == t.resolved()) && (words.isEmpty() || t.mentions(words)));
    }

    public ObservableList<NoteThread> threads() {
        return threads;
    }

    public FilteredList<NoteThread> visible() {
        return visible;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
