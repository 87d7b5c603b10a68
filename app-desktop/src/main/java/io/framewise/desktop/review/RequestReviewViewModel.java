package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Mentionable;
import io.framewise.desktop.client.ApiModels.ReviewRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
 * "Request review" on the desktop: the people who may see the asset (each with a tick), a due day
 * (three days ahead by default) and a message; sending asks the server, which tells each of them.
 */
public final class RequestReviewViewModel {

    /** Someone who may be asked, and whether they are. */
    public static final class Choice {
        private final Mentionable person;
        private final BooleanProperty chosen = new SimpleBooleanProperty(false);

        Choice(Mentionable person) {
            this.person = person;
        }

        public Mentionable person() {
            return person;
        }

        public BooleanProperty chosenProperty() {
            return chosen;
        }
    }

    private final Executor ui;
    private final Executor io;
    private final ApiClient api;
    private final String assetId;
    private final String mediaId;
    private final ObservableList<Choice> people = FXCollections.observableArrayList();
    private final ObjectProperty<LocalDate> due =
            new SimpleObjectProperty<>(LocalDate.now(ZoneOffset.UTC).plusDays(3));
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public RequestReviewViewModel(Executor ui, Executor io, ApiClient api, String assetId, String mediaId) {
        this.ui = ui;
        this.io = io;
        this.api = api;
        this.assetId = assetId;
        this.mediaId = mediaId;
    }

    /** Loads who may be asked. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(() -> api.mentionable(mediaId, ""), io)
                .handleAsync(
                        (list, e) -> {
                            if (e != null) {
                                status.set("Could not load the people of this project: " + reason(e));
                            } else {
                                people.setAll(list.stream().map(Choice::new).toList());
                            }
                            return null;
                        },
                        ui);
    }

    /** Sends the request; the status says who was asked, or why it was refused. */
    public CompletableFuture<ReviewRequest> send() {
        List<String> chosen = people.stream()
                .filter(c -> c.chosenProperty().get())
                .map(c -> c.person().userId())
                .toList();
        if (chosen.isEmpty()) {
            status.set("Choose at least one person.");
            return CompletableFuture.completedFuture(null);
        }
        if (due.get() == null) {
            status.set("Choose the day it is due.");
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        String day = due.get().toString();
        return CompletableFuture.supplyAsync(() -> api.requestReview(assetId, chosen, day, message.get()), io)
                .handleAsync(
                        (r, e) -> {
                            busy.set(false);
                            if (e != null) {
                                status.set(reason(e));
                                return null;
                            }
                            status.set("Asked " + chosen.size() + (chosen.size() == 1 ? " person" : " people")
                                    + " to review by " + r.due() + ".");
                            return r;
                        },
                        ui);
    }

    private static String reason(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    public ObservableList<Choice> people() {
        return people;
    }

    public ObjectProperty<LocalDate> dueProperty() {
        return due;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
