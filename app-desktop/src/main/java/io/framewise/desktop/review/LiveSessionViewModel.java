package io.framewise.desktop.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.EventStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * A live review session on the shown media: start one (this app drives) or join one by its id
 * (this app follows). Following, the transport goes where the driver's goes: paused, it lands on
 * the driver's frame (the frame-exact still); playing, it plays from the driver's frame. Driving,
 * play, pause and every move of the playhead are sent. Messages are protocol version 1.
 */
public final class LiveSessionViewModel implements AutoCloseable {

    private final Executor ui;
    private final Executor io;
    private final PlaybackViewModel playback;
    private final StringProperty session = new SimpleStringProperty("");
    private final StringProperty members = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final BooleanProperty driving = new SimpleBooleanProperty(false);
    private final ChangeListener<Number> frameSender = (o, a, b) -> sendPosition();
    private final ChangeListener<Number> rateSender = (o, a, b) -> sendPosition();
    private final ObservableMap<String, LaserDot> lasers = FXCollections.observableHashMap();
    private final ObservableList<DriveRequest> requests = FXCollections.observableArrayList();
    private EventStream events;
    private String you;
    private boolean applying;

    public LiveSessionViewModel(Executor ui, Executor io, PlaybackViewModel playback) {
        this.ui = ui;
        this.io = io;
        this.playback = playback;
    }

    /** Starts a session on {@code mediaId}; this app drives. */
    public void start(ApiClient api, String mediaId) {
        connect(api, s -> s.createSession(mediaId));
    }

    /** Joins a session by its id; this app follows the driver. */
    public void join(ApiClient api, String sessionId) {
        connect(api, s -> s.joinSession(sessionId.strip()));
    }

    private void connect(ApiClient api, java.util.function.Consumer<EventStream> first) {
        close();
        status.set("Connecting to the live session...");
        io.execute(() -> {
            try {
                EventStream s = api.openEvents(new EventStream.Listener() {
                    @Override
                    public void onMessage(JsonNode m) {
                        ui.execute(() -> handle(m));
                    }

                    @Override
                    public void onClosed(String reason) {
                        ui.execute(() -> ended("Live session ended: " + reason));
                    }
                });
                ui.execute(() -> events = s);
                first.accept(s);
            } catch (RuntimeException e) {
                ui.execute(() -> ended("Live session failed: " + e.getMessage()));
            }
        });
    }

    private void handle(JsonNode m) {
        String type = m.path("type").asText();
        switch (type) {
            case "session.snapshot" -> {
                session.set(m.path("session").asText());
                you = m.path("you").asText();
                active.set(true);
                showMembers(m.path("members"));
                apply(m.path("state"));
                lasers.clear();
                m.path("lasers").forEach(l -> showLaser(l, true));
            }
            case "session.state" -> apply(m.path("state"));
            case "session.presence" -> showMembers(m.path("members"));
            case "session.laser" -> showLaser(m, m.path("visible").asBoolean(true));
            case "session.driver.requested" -> {
                String member = m.path("member").asText();
                requests.removeIf(r -> r.member().equals(member));
                requests.add(new DriveRequest(member, m.path("name").asText()));
            }
            case "session.driver.denied" -> status.set("Your request to drive was declined"
                    + reason(m.path("reason").asText()));
            case "error" -> status.set("Live session: " + m.path("message").asText());
            default -> {
                // Drawing strokes in a session are the web UI's; the desktop draws notes instead.
            }
        }
    }

    private static String reason(String why) {
        return why.isBlank() ? "" : ": " + why;
    }

    /** Someone else's pointer moved or went away; this app's own pointer is drawn where the mouse is. */
    private void showLaser(JsonNode m, boolean visible) {
        String member = m.path("member").asText();
        if (member.equals(you)) {
            return;
        }
        if (visible) {
            lasers.put(
                    member,
                    new LaserDot(
                            member,
                            m.path("x").asDouble(),
                            m.path("y").asDouble(),
                            m.path("frame").asLong()));
        } else {
            lasers.remove(member);
        }
    }

    /** Points at {@code x}, {@code y} (0..1 of the picture) for everyone in the session. */
    public void laser(double x, double y) {
        EventStream s = events;
        String id = session.get();
        if (s == null || id.isEmpty() || x < 0 || x > 1 || y < 0 || y > 1) {
            return;
        }
        long frame = playback.frame();
        sender.execute(() -> s.laser(id, x, y, frame));
    }

    /** Takes the pointer away. */
    public void laserOff() {
        EventStream s = events;
        String id = session.get();
        if (s != null && !id.isEmpty()) {
            sender.execute(() -> s.laserOff(id));
        }
    }

    /** Asks the driver to hand over; the answer arrives as a new driver or a refusal. */
    public void requestDrive() {
        EventStream s = events;
        String id = session.get();
        if (s == null || id.isEmpty() || driving.get()) {
            return;
        }
        status.set("Asked the driver to hand over...");
        sender.execute(() -> s.requestDriver(id));
    }

    /** Driving: grants or declines someone's request to drive. */
    public void answer(DriveRequest request, boolean grant) {
        EventStream s = events;
        String id = session.get();
        requests.remove(request);
        if (s != null && !id.isEmpty()) {
            sender.execute(() -> s.answerDriver(id, request.member(), grant));
        }
    }

    private void showMembers(JsonNode list) {
        List<String> names = new ArrayList<>();
        boolean me = false;
        for (JsonNode member : list) {
            boolean drives = member.path("driver").asBoolean();
            names.add(member.path("name").asText() + (drives ? " (driving)" : ""));
            if (drives && member.path("id").asText().equals(you)) {
                me = true;
            }
        }
        members.set(String.join(", ", names));
        if (!me) {
            requests.clear(); // Only the driver answers requests.
        }
        setDriving(me);
        status.set(me ? "You drive the session " + session.get() : "Following the driver in " + session.get());
    }

    private void setDriving(boolean on) {
        if (on == driving.get()) {
            return;
        }
        driving.set(on);
        if (on) {
            playback.frameProperty().addListener(frameSender);
            playback.rateProperty().addListener(rateSender);
        } else {
            playback.frameProperty().removeListener(frameSender);
            playback.rateProperty().removeListener(rateSender);
        }
    }

    /** Following: go where the driver is. */
    private void apply(JsonNode state) {
        if (driving.get() || state.isMissingNode()) {
            return;
        }
        applying = true;
        try {
            long frame = state.path("frame").asLong();
            if (state.path("playing").asBoolean()) {
                playback.seek(frame);
                if (!playback.playing()) {
                    playback.play(Math.max(1, state.path("rate").asDouble(1)));
                }
            } else {
                if (playback.playing()) {
                    playback.stop();
                }
                playback.step(frame - playback.frame());
            }
        } finally {
            applying = false;
        }
    }

    /** Driving: tell the others what the transport does. */
    private void sendPosition() {
        EventStream s = events;
        String id = session.get();
        if (s == null || id.isEmpty() || applying || !driving.get()) {
            return;
        }
        long frame = playback.frame();
        boolean playing = playback.playing();
        boolean startedOrStopped = playing != lastPlaying;
        lastPlaying = playing;
        if (playing && !startedOrStopped) {
            return; // while playing, each client runs its own clock from the play message
        }
        // One sender thread keeps the messages in the order the transport made them.
        sender.execute(() -> {
            if (!playing) {
                if (startedOrStopped) {
                    s.pause(id, frame);
                } else {
                    s.seek(id, frame);
                }
            } else {
                s.play(id, frame);
            }
        });
    }

    private boolean lastPlaying;
    private final java.util.concurrent.ExecutorService sender =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "framewise-live-send");
                t.setDaemon(true);
                return t;
            });

    private void ended(String why) {
        setDriving(false);
        lasers.clear();
        requests.clear();
        active.set(false);
        session.set("");
        members.set("");
        status.set(why);
        events = null;
    }

    /** Leaves the session (the app closing, another clip opened). */
    @Override
    public void close() {
        EventStream s = events;
        String id = session.get();
        setDriving(false);
        lasers.clear();
        requests.clear();
        active.set(false);
        session.set("");
        members.set("");
        status.set("");
        events = null;
        if (s != null) {
            io.execute(() -> {
                try {
                    if (!id.isEmpty()) {
                        s.leaveSession(id);
                    }
                } catch (RuntimeException e) {
                    // Already gone: closing is all that is left.
                } finally {
                    s.close();
                }
            });
        }
    }

    public ReadOnlyStringProperty sessionProperty() {
        return session;
    }

    public ReadOnlyStringProperty membersProperty() {
        return members;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active;
    }

    /** Other members' laser pointers, by member. */
    public ObservableMap<String, LaserDot> lasers() {
        return lasers;
    }

    /** Requests to drive waiting for this app's answer (while it drives). */
    public ObservableList<DriveRequest> requests() {
        return requests;
    }

    /** A member's pointer: {@code x}, {@code y} in 0..1 of the picture, on {@code frame}. */
    public record LaserDot(String member, double x, double y, long frame) {}

    /** Someone asking to drive. */
    public record DriveRequest(String member, String name) {}

    public ReadOnlyBooleanProperty drivingProperty() {
        return driving;
    }
}
