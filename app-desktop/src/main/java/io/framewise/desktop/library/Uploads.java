package io.framewise.desktop.library;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.TusUpload;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The app's uploads, each resumable: files go to the server's tus endpoint in chunks, and once whole
 * become assets where they were dropped, as the web UI files them. Pausing stops after the chunk in
 * flight; resuming (or retrying a failure) asks the server what it has and sends the rest.
 */
public final class Uploads {

    /** Large enough to keep a LAN busy, small enough that pause and progress respond quickly. */
    public static final int DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

    private final Executor ui;
    private final Executor io;
    private final int chunkBytes;
    private final ObservableList<UploadItem> items = FXCollections.observableArrayList();

    public Uploads(Executor ui, Executor io, int chunkBytes) {
        this.ui = ui;
        this.io = io;
        this.chunkBytes = chunkBytes;
    }

    public ObservableList<UploadItem> items() {
        return items;
    }

    /** Starts uploading {@code file} into {@code target}; answers the asset, or null if paused or failed. */
    public CompletableFuture<Asset> start(ApiClient api, Path file, UploadItem.Target target) {
        return CompletableFuture.supplyAsync(
                        () -> new TusUpload(api, file, null, chunkBytes, target.projectId(), target.folderId()), io)
                .thenApplyAsync(
                        upload -> {
                            UploadItem item = new UploadItem(file, target, upload);
                            items.add(0, item);
                            return item;
                        },
                        ui)
                .thenCompose(item -> run(api, item));
    }

    /** Carries on a paused or failed upload from what the server holds. */
    public CompletableFuture<Asset> resume(ApiClient api, UploadItem item) {
        if (!item.resumable()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(api, item);
    }

    /** Pauses an upload after the chunk being sent. */
    public void pause(UploadItem item) {
        item.upload().stop();
    }

    /** Forgets finished uploads from the list. */
    public void clearDone() {
        items.removeIf(i -> i.stateProperty().get() == UploadItem.State.DONE);
    }

    private CompletableFuture<Asset> run(ApiClient api, UploadItem item) {
        item.stateProperty().set(UploadItem.State.UPLOADING);
        item.messageProperty().set("");
        return CompletableFuture.supplyAsync(
                        () -> {
                            if (item.mediaId() == null) {
                                item.mediaId(item.upload()
                                        .run(sent -> ui.execute(
                                                () -> item.sentProperty().set(sent))));
                            }
                            ui.execute(() -> item.stateProperty().set(UploadItem.State.FILING));
                            String filed = item.upload().assetId();
                            if (filed != null) {
                                // The server filed it where the upload named (or in the home).
                                return api.asset(filed);
                            }
                            UploadItem.Target t = item.target();
                            return api.createAsset(t.projectId(), t.folderId(), item.title(), item.mediaId());
                        },
                        io)
                .handleAsync(
                        (asset, err) -> {
                            Throwable cause = err != null && err.getCause() != null ? err.getCause() : err;
                            if (cause instanceof TusUpload.Stopped) {
                                item.stateProperty().set(UploadItem.State.PAUSED);
                                item.messageProperty().set("Paused");
                                return null;
                            }
                            if (cause != null) {
                                item.stateProperty().set(UploadItem.State.FAILED);
                                item.messageProperty()
                                        .set(
                                                item.mediaId() == null
                                                        ? "Upload failed: " + LibraryViewModel.cause(err)
                                                        : "The file arrived but could not be added to the library: "
                                                                + LibraryViewModel.cause(err));
                                return null;
                            }
                            item.sentProperty().set(item.size());
                            item.stateProperty().set(UploadItem.State.DONE);
                            item.messageProperty().set("Added as " + asset.title());
                            return asset;
                        },
                        ui);
    }
}
