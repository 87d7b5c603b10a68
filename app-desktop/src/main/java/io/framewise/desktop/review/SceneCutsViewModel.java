package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.SceneModels.SceneCut;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The suggested scene markers of the media under review: the cuts the timeline draws, {@code [} /
 * {@code ]} to the previous / next one, and accepting one or all as notes, or dismissing one. Every
 * property changes on the thread of {@code ui}; server calls run on {@code io}.
 */
public final class SceneCutsViewModel {

    private final Executor ui;
    private final Executor io;
    private final ObservableList<SceneCut> cuts = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private final Runnable notesChanged;
    private ApiClient api;
    private String mediaId;

    /** @param notesChanged runs after suggestions were accepted (notes were written) */
    public SceneCutsViewModel(Executor ui, Executor io, Runnable notesChanged) {
        this.ui = ui;
        this.io = io;
        this.notesChanged = notesChanged;
    }

    /** The suggestions in frame order. */
    public ObservableList<SceneCut> cuts() {
        return cuts;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Loads the suggestions of a media item (none until detection has run). */
    public CompletableFuture<Void> load(ApiClient client, String media) {
        this.api = client;
        this.mediaId = media;
        cuts.clear();
        return reload();
    }

    private CompletableFuture<Void> reload() {
        ApiClient client = api;
        String media = mediaId;
        return CompletableFuture.supplyAsync(() -> client.sceneCuts(media), io)
                .thenAcceptAsync(
                        answer -> {
                            if (media.equals(mediaId)) {
                                cuts.setAll(answer.cuts().stream()
                                        .sorted((a, b) -> Long.compare(a.frame(), b.frame()))
                                        .toList());
                                error.set("");
                            }
                        },
                        ui)
                .exceptionallyAsync(
                        e -> {
                            error.set("The suggested scene markers could not be loaded.");
                            return null;
                        },
                        ui);
    }

    /** The frame of the first cut after {@code frame} ({@code ]}), if there is one. */
    public OptionalLong next(long frame) {
        return cuts.stream().mapToLong(SceneCut::frame).filter(f -> f > frame).min();
    }

    /** The frame of the last cut before {@code frame} ({@code [}), if there is one. */
    public OptionalLong previous(long frame) {
        return cuts.stream().mapToLong(SceneCut::frame).filter(f -> f < frame).max();
    }

    /** The frames the timeline marks. */
    public List<Long> frames() {
        return cuts.stream().map(SceneCut::frame).toList();
    }

    /** Accepts one suggestion as a note; done when the list is reloaded. */
    public CompletableFuture<Void> accept(SceneCut cut) {
        return change(() -> api.acceptSceneCut(mediaId, cut.id()));
    }

    /** Accepts every suggestion as notes. */
    public CompletableFuture<Void> acceptAll() {
        return change(() -> api.acceptAllSceneCuts(mediaId));
    }

    /** Dismisses one suggestion. */
    public CompletableFuture<Void> dismiss(SceneCut cut) {
        return change(() -> {
            api.dismissSceneCut(mediaId, cut.id());
            return null;
        });
    }

    private CompletableFuture<Void> change(java.util.function.Supplier<?> call) {
        if (api == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(call, io)
                .thenRun(notesChanged)
                .thenCompose(x -> reload())
                .exceptionallyAsync(
                        e -> {
                            error.set("The suggestion could not be changed: " + rootMessage(e));
                            return null;
                        },
                        ui);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
