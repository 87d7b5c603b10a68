package io.framewise.desktop.library;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.FolderEntry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The folder tree beside the start screen, as the web's: the organizer's top entries (my folders,
 * projects, everyone's folders for administrators), each opened on demand, so a large library costs
 * one request per folder a person actually unfolds.
 */
public final class FolderTreeModel {

    /** One folder of the tree: its name and organizer path. */
    public record Node(String name, String path) {

        static Node of(FolderEntry e) {
            return new Node(e.name(), e.path());
        }
    }

    private final Executor ui;
    private final Executor io;
    private final ObservableList<Node> roots = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private volatile ApiClient api;

    /** @param ui runs model changes (the FX thread); @param io runs server calls */
    public FolderTreeModel(Executor ui, Executor io) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.io = Objects.requireNonNull(io, "io");
    }

    /** Loads the top entries for the person signed in on {@code client}. */
    public CompletableFuture<Void> load(ApiClient client) {
        this.api = client;
        return CompletableFuture.supplyAsync(() -> folders(client, "/"), io)
                .handleAsync(
                        (list, failure) -> {
                            if (failure != null) {
                                error.set("Could not load the folders: " + rootMessage(failure));
                                roots.clear();
                            } else {
                                error.set("");
                                roots.setAll(list);
                            }
                            return null;
                        },
                        ui);
    }

    /**
     * The folders inside {@code path}, completed on the UI thread; empty when the folder cannot be
     * read (the tree shows it as a leaf and the error line says why).
     */
    public CompletableFuture<List<Node>> children(String path) {
        ApiClient client = api;
        if (client == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> folders(client, path), io)
                .handleAsync(
                        (list, failure) -> {
                            if (failure != null) {
                                error.set("Could not open " + path + ": " + rootMessage(failure));
                                return List.<Node>of();
                            }
                            return list;
                        },
                        ui);
    }

    private static List<Node> folders(ApiClient client, String path) {
        return client.folderPage(path).folders().stream().map(Node::of).toList();
    }

    public ObservableList<Node> roots() {
        return roots;
    }

    public StringProperty errorProperty() {
        return error;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
