package io.framewise.desktop.clips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ClipModels.ClipQueued;
import io.framewise.desktop.client.ClipModels.Template;
import io.framewise.desktop.client.EventStream;
import io.framewise.desktop.client.ServerText;
import io.framewise.desktop.review.ClipTiming;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.review.ReviewViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Cut clip" dialog: frames [in, out) of the version on screen, a title, the cut mode, an
 * optional template, whether the notes in the range come along, and where the clip is filed (a new
 * asset next to the source, or the source's next version). Once sent it follows the clip's
 * processing over the server's events until it is ready or has failed. Server calls run on
 * {@code io}; properties change on {@code ui}.
 */
public final class CutClipViewModel {

    public enum State {
        EDITING,
        SENDING,
        PROCESSING,
        READY,
        FAILED
    }

    /** A template to pick, or {@link #NONE}. */
    public record TemplateChoice(String id, String name) {
        public static final TemplateChoice NONE = new TemplateChoice(null, "No template");

        @Override
        public String toString() {
            return name;
        }
    }

    private final Executor ui;
    private final Executor io;
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<ClipMode> mode = new SimpleObjectProperty<>(ClipMode.SMART);
    private final StringProperty modeExplanation = new SimpleStringProperty(ClipMode.SMART.explanation());
    private final ObservableList<TemplateChoice> templates =
            FXCollections.observableArrayList(List.of(TemplateChoice.NONE));
    private final ObjectProperty<TemplateChoice> template = new SimpleObjectProperty<>(TemplateChoice.NONE);
    private final BooleanProperty copyNotes = new SimpleBooleanProperty(false);
    private final BooleanProperty asNewVersion = new SimpleBooleanProperty(false);
    private final StringProperty range = new SimpleStringProperty("");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.EDITING);
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<ClipQueued> clip = new SimpleObjectProperty<>();
    private ApiClient api;
    private Asset source;
    private MediaItem media;
    private long in;
    private long out;
    private EventStream events;

    public CutClipViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
        mode.addListener((o, a, b) -> {
            modeExplanation.set(b == null ? "" : b.explanation());
            validate();
        });
        template.addListener((o, a, b) -> validate());
    }

    /**
     * Prepares a cut of frames [{@code in}, {@code out}) of {@code item}, a version of {@code asset};
     * loads the templates of the asset's project.
     */
    public CompletableFuture<Void> open(
            ApiClient client, Asset asset, MediaItem item, ClipTiming timing, long in, long out) {
        closeEvents();
        this.api = client;
        this.source = asset;
        this.media = item;
        this.in = in;
        this.out = out;
        state.set(State.EDITING);
        progress.set(-1);
        clip.set(null);
        title.set("");
        // The last frame as the timeline shows it (the API's out is the frame after it).
        range.set(
                out <= in
                        ? "Nothing marked"
                        : timing.timecodeOf(in) + " – " + timing.timecodeOf(out - 1) + "  (" + (out - in)
                                + (out - in == 1 ? " frame)" : " frames)"));
        templates.setAll(List.of(TemplateChoice.NONE));
        template.set(TemplateChoice.NONE);
        if (!validate()) {
            return CompletableFuture.completedFuture(null);
        }
        String projectId = asset.projectId();
        return CompletableFuture.supplyAsync(() -> templatesOf(client, projectId), io)
                .handleAsync(
                        (list, err) -> {
                            if (err != null) {
                                message.set("Templates could not be loaded: " + ApiError.reason(err));
                                return null;
                            }
                            List<TemplateChoice> choices = new ArrayList<>();
                            choices.add(TemplateChoice.NONE);
                            for (Template t : list) {
                                // A template without an id cannot be asked for; a name is shown on one line.
                                if (t.id() != null && !t.id().isBlank()) {
                                    String name = ServerText.oneLine(t.name());
                                    choices.add(new TemplateChoice(t.id(), name.isEmpty() ? t.id() : name));
                                }
                            }
                            templates.setAll(choices);
                            return null;
                        },
                        ui);
    }

    /**
     * Prepares a cut of what the review marked with I and O (the out point's frame included); a
     * missing in point is the first frame, a missing out point the last.
     */
    public CompletableFuture<Void> openMarked(ApiClient client, ReviewViewModel review) {
        PlaybackViewModel pb = review.playback();
        long count = pb.frameCountProperty().get();
        long markedIn = pb.loopInProperty().get();
        long markedOut = pb.loopOutProperty().get();
        return open(
                client,
                review.asset(),
                review.mediaProperty().get(),
                pb.timing(),
                markedIn < 0 ? 0 : markedIn,
                markedOut < 0 ? count : markedOut + 1);
    }

    /** The project's templates; a server without templates (404) offers none. */
    private static List<Template> templatesOf(ApiClient client, String projectId) {
        try {
            return client.templates(projectId);
        } catch (ApiError e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** Whether the cut can be sent; if not, {@link #messageProperty} says why. */
    boolean validate() {
        String problem = null;
        if (out <= in) {
            problem = "Mark an in point (I) before the out point (O): the range is empty";
        } else if (template.get() != null
                && template.get().id() != null
                && !mode.get().reencodes()) {
            problem = "A template is drawn into the picture: choose Smart or Re-encode instead of Copy";
        }
        message.set(problem == null ? "" : problem);
        return problem == null;
    }

    /** Sends the cut, then follows the clip's processing; completes once the server has queued it. */
    public CompletableFuture<Void> cut() {
        if (state.get() != State.EDITING && state.get() != State.FAILED || !validate()) {
            return CompletableFuture.completedFuture(null);
        }
        ApiClient client = api;
        ObjectNode fields = body();
        state.set(State.SENDING);
        message.set("Sending the cut...");
        return CompletableFuture.supplyAsync(() -> client.cutClip(media.id(), in, out, fields), io)
                .handleAsync(
                        (queued, err) -> {
                            if (err != null || queued == null || queued.id() == null) {
                                state.set(State.FAILED);
                                message.set("The clip was not made: "
                                        + (err != null ? ApiError.reason(err) : "the server's answer names no clip"));
                                return null;
                            }
                            clip.set(queued);
                            state.set(State.PROCESSING);
                            progress.set(0);
                            message.set("Cutting...");
                            return queued;
                        },
                        ui)
                .thenAccept(queued -> {
                    if (queued != null) {
                        io.execute(() -> follow(client, queued.id()));
                    }
                });
    }

    /** The request's fields besides the range. */
    ObjectNode body() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("mode", mode.get().wire());
        String named = title.get() == null ? "" : title.get().strip();
        if (!named.isEmpty()) {
            b.put("title", named);
        }
        b.put("copyNotes", copyNotes.get());
        TemplateChoice t = template.get();
        if (t != null && t.id() != null) {
            b.put("templateId", t.id());
        }
        if (asNewVersion.get()) {
            b.put("asVersionOf", source.id());
        }
        return b;
    }

    /**
     * Listens to the clip's media events, then looks at the clip once, in case it finished before
     * the subscription took. Runs on {@code io}.
     */
    private void follow(ApiClient client, String clipId) {
        try {
            EventStream s = client.openEvents(m -> {
                if (m.path("type").asText().equals("library.event")
                        && clipId.equals(m.path("media").asText())) {
                    ui.execute(() -> onEvent(m));
                }
            });
            s.subscribeMedia(clipId);
            ui.execute(() -> events = s);
        } catch (RuntimeException e) {
            ui.execute(() -> message.set("Cutting... (live progress is off: " + e.getMessage() + ")"));
        }
        try {
            MediaItem now = client.media(clipId);
            ui.execute(() -> settle(now));
        } catch (RuntimeException e) {
            // The events will tell.
        }
    }

    /** One {@code library.event} about the clip: progress, ready or failed. */
    void onEvent(JsonNode m) {
        if (state.get() != State.PROCESSING) {
            return;
        }
        switch (m.path("kind").asText()) {
            case "progress" -> {
                double p = m.path("progress").asDouble(-1);
                if (p >= 0) { // NaN is not
                    progress.set(Math.max(progress.get(), Math.min(1, p)));
                }
                String stage = ServerText.oneLine(m.path("stage").asText(""));
                message.set(stage.isEmpty() || stage.equals("clip") ? "Cutting..." : "Cutting... (" + stage + ")");
            }
            case "ready" -> done();
            case "failed" -> failed(m.path("reason").asText(""));
            default -> {
                // added, removed: nothing to show
            }
        }
    }

    private void settle(MediaItem now) {
        if (now == null || state.get() != State.PROCESSING) {
            return;
        }
        if (now.ready()) {
            done();
        } else if ("failed".equals(now.status())) {
            failed(now.error());
        }
    }

    private void done() {
        progress.set(1);
        state.set(State.READY);
        message.set("The clip is ready in the library");
        closeEvents();
    }

    private void failed(String reason) {
        String why = ServerText.oneLine(reason);
        state.set(State.FAILED);
        message.set("The clip failed: " + (why.isEmpty() ? "no reason given" : why));
        closeEvents();
    }

    /** Stops following the clip (the dialog closing); the server carries on with it. */
    public void close() {
        closeEvents();
    }

    private void closeEvents() {
        EventStream s = events;
        events = null;
        if (s != null) {
            io.execute(s::close);
        }
    }

    /** The new asset's title; empty lets the server name it "source title (tcIn-tcOut)". */
    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<ClipMode> modeProperty() {
        return mode;
    }

    public StringProperty modeExplanationProperty() {
        return modeExplanation;
    }

    public ObservableList<TemplateChoice> templates() {
        return templates;
    }

    public ObjectProperty<TemplateChoice> templateProperty() {
        return template;
    }

    public BooleanProperty copyNotesProperty() {
        return copyNotes;
    }

    public BooleanProperty asNewVersionProperty() {
        return asNewVersion;
    }

    /** The range in timecode and its length, for the dialog's heading. */
    public StringProperty rangeProperty() {
        return range;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** 0..1 while the clip is processed, -1 before. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The queued clip: its media, asset and job ids (null until sent). */
    public ObjectProperty<ClipQueued> clipProperty() {
        return clip;
    }

    public Asset source() {
        return source;
    }

    public long in() {
        return in;
    }

    public long out() {
        return out;
    }
}
