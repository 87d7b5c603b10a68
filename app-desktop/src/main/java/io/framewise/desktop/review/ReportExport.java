package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Export report…": the server's PDF review report of the shown version saved where the user
 * chose. The download runs on {@code io}; the file appears whole or not at all (written beside the
 * target, then moved), so a failed export never leaves half a PDF under the chosen name.
 */
public final class ReportExport {

    private final Executor ui;
    private final Executor io;
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public ReportExport(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
    }

    /** The name the save dialog suggests: the server's own, {@code <asset title>_notes.pdf}. */
    public static String suggestedName(String assetTitle) {
        String safe = assetTitle == null
                ? ""
                : assetTitle.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        return (safe.isEmpty() ? "review" : safe) + "_notes.pdf";
    }

    /** Downloads the report of {@code mediaId} into {@code file}. */
    public CompletableFuture<Void> save(ApiClient api, String mediaId, Path file) {
        ui.execute(() -> {
            busy.set(true);
            message.set("Making the report...");
        });
        return CompletableFuture.runAsync(
                        () -> {
                            byte[] pdf = api.reviewReport(mediaId);
                            Path part = file.resolveSibling("." + file.getFileName() + ".part");
                            try {
                                Files.write(part, pdf);
                                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                            } catch (IOException e) {
                                try {
                                    Files.deleteIfExists(part);
                                } catch (IOException ignored) {
                                    // Nothing more to tidy: the error below says what went wrong.
                                }
                                throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
                            }
                        },
                        io)
                .handleAsync(
                        (x, err) -> {
                            busy.set(false);
                            message.set(
                                    err == null
                                            ? "Saved the report as " + file.getFileName()
                                            : "The report was not saved: " + ApiError.reason(err));
                            return null;
                        },
                        ui);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
