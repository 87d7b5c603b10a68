package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.Version;
import io.framewise.desktop.player.VlcPlayer;
import io.framewise.desktop.review.DrawingJson;
import io.framewise.desktop.review.ImportNotesViewModel;
import io.framewise.desktop.review.LiveSessionViewModel;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.review.ReviewViewModel;
import io.framewise.desktop.review.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The review screen: picture with drawings, transport and timeline, notes panel, version and
 * approval. Keys as in the web UI: Space, J/K/L, Left/Right (Shift: one second), Home/End, I/O,
 * Shift+L loop, M note, F full screen, ? help.
 */
final class ReviewView extends BorderPane {

    static final String HELP = "Space play/pause · J/K/L shuttle (again: 2x 4x 8x) · ←/→ step · Shift+←/→ one second"
            + " · Home/End · I/O mark in/out (loop, clip) · Shift+L loop · N / Shift+N next / previous note · [ / ] previous / next scene cut · M note · F full screen · click the time: frames/seconds · ? this help";

    final PictureView picture = new PictureView();
    final NotesPanel notesPanel;
    final Label position = new Label();
    private final ReviewViewModel review;
    private final Label help = new Label(HELP);

    ReviewView(
            ReviewViewModel review,
            Runnable back,
            Consumer<ReviewViewModel> compare,
            Consumer<ReviewViewModel> cut,
            Consumer<ReviewViewModel> share) {
        this.review = review;
        PlaybackViewModel pb = review.playback();
        setId("review-view");

        Button backB = new Button("← Library");
        backB.setOnAction(e -> back.run());
        Label title = new Label();
        title.textProperty().bind(review.titleProperty());
        title.getStyleClass().add("title-3");
        ChoiceBox<Version> versions = new ChoiceBox<>(review.versions());
        versions.setConverter(new StringConverter<>() {
            @Override
            public String toString(Version v) {
                return v == null ? "" : "v" + v.number();
            }

            @Override
            public Version fromString(String s) {
                return null;
            }
        });
        versions.setValue(review.versionProperty().get());
        review.versionProperty().addListener((o, a, b) -> versions.setValue(b));
        versions.setOnAction(e -> {
            Version v = versions.getValue();
            if (v != null && !v.equals(review.versionProperty().get())) {
                review.openVersion(v);
            }
        });
        ChoiceBox<String> approval = new ChoiceBox<>();
        approval.setId("approval");
        approval.getItems().setAll(ReviewViewModel.APPROVALS);
        approval.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null
                        ? ""
                        : switch (s) {
                            case "approved" -> "✓ Approved";
                            case "changes_requested" -> "Changes requested";
                            default -> "Needs review";
                        };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        approval.setValue(review.approvalProperty().get());
        review.approvalProperty().addListener((o, a, b) -> approval.setValue(b));
        approval.setOnAction(e -> {
            if (approval.getValue() != null
                    && !approval.getValue().equals(review.approvalProperty().get())) {
                review.approve(approval.getValue());
            }
        });
        Button compareB = new Button("Compare versions");
        compareB.setId("compare");
        compareB.disableProperty()
                .bind(javafx.beans.binding.Bindings.size(review.versions()).lessThan(2));
        compareB.setOnAction(e -> compare.accept(review));
        Button startLive = new Button("Start live session");
        startLive.setId("start-live");
        startLive.setOnAction(e -> review.startLive());
        Button joinLive = new Button("Join...");
        joinLive.setOnAction(e -> {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.setHeaderText("Session id to join");
            d.showAndWait().map(String::strip).filter(x -> !x.isEmpty()).ifPresent(review::joinLive);
        });
        Button leave = new Button("Leave");
        leave.setOnAction(e -> review.live().close());
        startLive.visibleProperty().bind(review.live().activeProperty().not());
        startLive.managedProperty().bind(startLive.visibleProperty());
        joinLive.visibleProperty().bind(startLive.visibleProperty());
        joinLive.managedProperty().bind(startLive.visibleProperty());
        leave.visibleProperty().bind(review.live().activeProperty());
        leave.managedProperty().bind(leave.visibleProperty());
        Label live = new Label();
        live.setId("live-status");
        live.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> review.live().statusProperty().get()
                                + (review.live().membersProperty().get().isEmpty()
                                        ? ""
                                        : " · "
                                                + review.live()
                                                        .membersProperty()
                                                        .get()),
                        review.live().statusProperty(),
                        review.live().membersProperty()));
        live.getStyleClass().add("text-muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        var session = review.live();
        ToggleButton laser = new ToggleButton("Laser");
        laser.setId("live-laser");
        laser.visibleProperty().bind(session.activeProperty());
        laser.managedProperty().bind(laser.visibleProperty());
        laser.selectedProperty().addListener((o, a, on) -> {
            if (!on) {
                session.laserOff();
            }
        });
        picture.onPointer(
                (x, y) -> {
                    if (laser.isSelected()) {
                        session.laser(x, y);
                    }
                },
                () -> {
                    if (laser.isSelected()) {
                        session.laserOff();
                    }
                });
        session.lasers().addListener((javafx.collections.MapChangeListener<String, LiveSessionViewModel.LaserDot>)
                c -> picture.showLasers(session.lasers().values()));
        Button drive = new Button("Ask to drive");
        drive.setId("live-ask-drive");
        drive.setOnAction(e -> session.requestDrive());
        drive.visibleProperty()
                .bind(session.activeProperty().and(session.drivingProperty().not()));
        drive.managedProperty().bind(drive.visibleProperty());
        MenuButton asks = new MenuButton("Requests to drive");
        asks.setId("live-requests");
        Runnable showAsks = () -> {
            asks.getItems().clear();
            for (LiveSessionViewModel.DriveRequest r : List.copyOf(session.requests())) {
                MenuItem yes = new MenuItem("Let " + r.name() + " drive");
                yes.setOnAction(e -> session.answer(r, true));
                MenuItem no = new MenuItem("Decline " + r.name());
                no.setOnAction(e -> session.answer(r, false));
                asks.getItems().addAll(yes, no);
            }
            asks.setVisible(!session.requests().isEmpty());
            asks.setManaged(asks.isVisible());
        };
        session.requests().addListener((javafx.collections.ListChangeListener<LiveSessionViewModel.DriveRequest>)
                c -> showAsks.run());
        showAsks.run();
        Button shareB = new Button("Share...");
        shareB.setId("review-share");
        shareB.setOnAction(e -> share.accept(review));
        // "Import EDL or markers...": a file chooser, or an EDL or marker file dropped on the review.
        MenuItem importItem = new MenuItem("Import EDL or markers...");
        importItem.setId("review-import-notes");
        importItem.disableProperty().bind(review.mediaProperty().isNull());
        importItem.setOnAction(e -> importNotes(null));
        // Interchange lives in one menu so the top bar keeps room for the title and the live controls.
        MenuButton notesMenu = new MenuButton("Notes");
        notesMenu.setId("review-notes-menu");
        MenuItem requestItem = new MenuItem("Request review...");
        requestItem.setId("review-request-review");
        requestItem.disableProperty().bind(review.mediaProperty().isNull());
        requestItem.setOnAction(e -> {
            io.framewise.desktop.review.RequestReviewViewModel vm = review.requestReview();
            if (vm != null) {
                RequestReviewWindow.show(getScene() == null ? null : getScene().getWindow(), vm);
            }
        });
        notesMenu.getItems().addAll(importItem, requestItem, NoteLoopBar.exportReport(review, this));
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()
                    && e.getDragboard().getFiles().stream()
                            .anyMatch(f -> ImportNotesViewModel.importable(f.toPath()))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            java.util.Optional<java.io.File> f = e.getDragboard().getFiles().stream()
                    .filter(x -> ImportNotesViewModel.importable(x.toPath()))
                    .findFirst();
            f.ifPresent(x -> importNotes(x.toPath()));
            e.setDropCompleted(f.isPresent());
            e.consume();
        });
        SubtitleOverlay subtitles = new SubtitleOverlay(review.subtitles());
        HBox top = new HBox(
                10,
                backB,
                title,
                versions,
                live,
                grow,
                startLive,
                joinLive,
                laser,
                drive,
                asks,
                leave,
                approval,
                compareB,
                shareB,
                notesMenu,
                new SceneCutsMenu(review.sceneCuts(), review.playback()),
                subtitles.menu(),
                subtitles.note());
        // Controls keep their labels whole; the title is what gives way (it ends in an ellipsis).
        for (javafx.scene.Node n : top.getChildren()) {
            if (n instanceof javafx.scene.control.Control c && n != title) {
                c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        title.setMinWidth(80);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 8, 10));
        setTop(top);

        notesPanel = new NotesPanel(review);
        subtitles.onNote(() -> review.noteOnCue().ifPresent(text -> {
            notesPanel.composer.setText(text);
            notesPanel.composer.requestFocus();
            notesPanel.composer.end();
        }));
        setRight(notesPanel);

        picture.bindEditor(review.drawing(), this::savedShapes);
        picture.bindPictures(this::savedPictures);
        picture.drawingProperty().bind(review.drawingModeProperty());
        pb.stillProperty().addListener((o, a, b) -> {
            picture.setStill(Images.of(b));
            picture.repaint();
        });
        pb.videoShownProperty().addListener((o, a, b) -> picture.showVideo(b));
        picture.bindPreview(pb.previewShown());
        review.openedProperty().addListener((o, a, b) -> {
            if (b != null && b.player() instanceof VlcPlayer vlc) {
                picture.setVideo(vlc.image().get(), vlc.viewport().get());
                vlc.image()
                        .addListener((x, y, img) ->
                                picture.setVideo(img, vlc.viewport().get()));
                vlc.viewport()
                        .addListener((x, y, vp) -> picture.setVideo(vlc.image().get(), vp));
            } else {
                picture.setVideo(null, null);
            }
        });
        pb.frameProperty().addListener(o -> picture.repaint());
        review.notes().threads().addListener((javafx.collections.ListChangeListener<NoteThread>)
                c -> picture.repaint());
        Label message = new Label();
        message.setId("review-message");
        message.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> !review.messageProperty().get().isEmpty()
                                ? review.messageProperty().get()
                                : pb.messageProperty().get(),
                        review.messageProperty(),
                        pb.messageProperty()));
        message.getStyleClass().add("warning");
        message.setWrapText(true);
        help.setVisible(false);
        help.setWrapText(true);
        help.setStyle("-fx-background-color: rgba(0,0,0,0.75); -fx-padding: 12; -fx-text-fill: white;");
        StackPane.setAlignment(help, Pos.TOP_CENTER);
        StackPane.setAlignment(message, Pos.BOTTOM_CENTER);
        StackPane center = new StackPane(picture, subtitles.cue(), message, help);
        setCenter(center);

        position.setId("position");
        position.textProperty().bind(pb.position());
        position.getStyleClass().addAll("title-4", "timecode");
        position.setOnMouseClicked(e -> pb.cycleTimeFormat());
        position.setMinWidth(130);
        Label frame = new Label();
        frame.textProperty()
                .bind(pb.frameProperty()
                        .asString("frame %d")
                        .concat(pb.frameCountProperty().asString(" / %d")));
        frame.getStyleClass().add("text-muted");
        Label rate = new Label();
        rate.textProperty().bind(pb.rateLabel());
        Button play = new Button("▶ / ❚❚");
        play.setOnAction(e -> pb.togglePlay());
        Button prev = new Button("◀|");
        prev.setOnAction(e -> pb.step(-1));
        Button next = new Button("|▶");
        next.setOnAction(e -> pb.step(1));
        Label loop = new Label();
        loop.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> (pb.loopingProperty().get() ? "Loop on" : "Loop off") + loopRange(pb),
                        pb.loopingProperty(),
                        pb.loopInProperty(),
                        pb.loopOutProperty()));
        Button markIn = new Button("Mark in");
        markIn.setId("mark-in");
        markIn.setOnAction(e -> pb.markIn());
        Button markOut = new Button("Mark out");
        markOut.setId("mark-out");
        markOut.setOnAction(e -> pb.markOut());
        Button clear = new Button("Clear");
        clear.setId("mark-clear");
        clear.setOnAction(e -> pb.clearLoop());
        clear.disableProperty()
                .bind(pb.loopInProperty().lessThan(0).and(pb.loopOutProperty().lessThan(0)));
        Button cutB = new Button("Cut clip...");
        cutB.setId("cut-clip");
        cutB.disableProperty().bind(review.mediaProperty().isNull());
        cutB.setOnAction(e -> cut.accept(review));
        Button exportB = new Button("Export notes...");
        exportB.setId("export-notes");
        exportB.disableProperty().bind(review.mediaProperty().isNull());
        exportB.setOnAction(e -> {
            var vm = new io.framewise.desktop.markers.ExportNotesViewModel(
                    javafx.application.Platform::runLater, task -> {
                        Thread t = new Thread(task, "export-notes");
                        t.setDaemon(true);
                        t.start();
                    });
            vm.openFor(review);
            ExportNotesWindow.show(getScene().getWindow(), vm);
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox transport = new HBox(
                10,
                prev,
                play,
                next,
                position,
                frame,
                rate,
                loop,
                new NoteLoopBar(review, notesPanel.list),
                spring,
                markIn,
                markOut,
                clear,
                cutB,
                exportB);
        transport.setAlignment(Pos.CENTER_LEFT);
        TimelineBar timeline = new TimelineBar(pb, () -> review.notes().threads());
        review.spritesProperty().addListener((o, a, s) -> timeline.setSprites(s));
        review.waveformProperty().addListener((o, a, w) -> timeline.setWaveform(w, frameSeconds(review)));
        review.notes().threads().addListener((javafx.collections.ListChangeListener<NoteThread>) c -> timeline.paint());
        timeline.setSceneCuts(review.sceneCuts()::frames);
        review.sceneCuts().cuts().addListener((javafx.collections.ListChangeListener<Object>) c -> timeline.paint());
        VBox bottom = new VBox(6, timeline, transport);
        bottom.setPadding(new Insets(8, 10, 10, 10));
        setBottom(bottom);

        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    }

    private static String loopRange(PlaybackViewModel pb) {
        long in = pb.loopInProperty().get();
        long out = pb.loopOutProperty().get();
        return in < 0 && out < 0 ? "" : "  [" + (in < 0 ? "start" : in) + " – " + (out < 0 ? "end" : out) + "]";
    }

    /** The drawings of the notes about the frame shown, painted under the one being made. */
    /** Decoded pictures of imported drawings, by attachment id: attachments never change. */
    private final java.util.Map<String, javafx.scene.image.Image> drawingPictures = new java.util.HashMap<>();

    /** The imported drawings of the notes on the shown frame; a picture not loaded yet repaints when it is. */
    private List<javafx.scene.image.Image> savedPictures() {
        List<javafx.scene.image.Image> out = new ArrayList<>();
        for (NoteThread t : review.notes().at(review.playback().frame())) {
            for (io.framewise.desktop.client.ApiModels.Attachment a : t.attachments()) {
                if (!a.overlay()) {
                    continue;
                }
                javafx.scene.image.Image known = drawingPictures.get(a.id());
                if (known != null) {
                    out.add(known);
                } else if (!drawingPictures.containsKey(a.id())) {
                    drawingPictures.put(a.id(), null);
                    review.notes()
                            .picture(a)
                            .thenAccept(png -> javafx.application.Platform.runLater(() -> {
                                drawingPictures.put(
                                        a.id(), new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png)));
                                picture.repaint();
                            }));
                }
            }
        }
        return out;
    }

    private List<Shape> savedShapes() {
        List<Shape> out = new ArrayList<>();
        for (NoteThread t : review.notes().at(review.playback().frame())) {
            if (t.hasDrawing()) {
                try {
                    out.addAll(DrawingJson.read(t.first().drawing()));
                } catch (IllegalArgumentException e) {
                    // A drawing in a newer schema: the note text still shows; the drawing is skipped.
                }
            }
        }
        return out;
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            if (e.getCode() == KeyCode.ESCAPE) {
                requestFocus();
                e.consume();
            }
            return;
        }
        PlaybackViewModel pb = review.playback();
        if (review.live().activeProperty().get()
                && !review.live().drivingProperty().get()
                && e.getCode() != KeyCode.M
                && !"?".equals(e.getText())) {
            review.messageProperty().set("Following the driver: leave the session to look around on your own");
            e.consume();
            return;
        }
        int second = (int) Math.max(1, Math.round(pb.timing().rate().fps()));
        switch (e.getCode()) {
            case SPACE -> pb.togglePlay();
            case J -> pb.shuttleBack();
            case K -> pb.stop();
            case L -> {
                if (e.isShiftDown()) {
                    pb.toggleLoop();
                } else {
                    pb.shuttleForward();
                }
            }
            case LEFT -> pb.step(e.isShiftDown() ? -second : -1);
            case RIGHT -> pb.step(e.isShiftDown() ? second : 1);
            case HOME -> pb.home();
            case END -> pb.end();
            case I -> pb.markIn();
            case O -> pb.markOut();
            case N -> {
                if (e.isShiftDown()) {
                    review.noteLoop().previous();
                } else {
                    review.noteLoop().next();
                }
            }
            case OPEN_BRACKET -> review.sceneCuts().previous(pb.frame()).ifPresent(f -> pb.step(f - pb.frame()));
            case CLOSE_BRACKET -> review.sceneCuts().next(pb.frame()).ifPresent(f -> pb.step(f - pb.frame()));
            case M -> notesPanel.composer.requestFocus();
            case F -> {
                if (getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage stage) {
                    stage.setFullScreen(!stage.isFullScreen());
                }
            }
            case SLASH -> {
                if (e.isShiftDown()) {
                    help.setVisible(!help.isVisible());
                } else {
                    return;
                }
            }
            case ESCAPE -> help.setVisible(false);
            default -> {
                if ("?".equals(e.getText())) {
                    help.setVisible(!help.isVisible());
                    break;
                }
                return;
            }
        }
        e.consume();
    }

    /** Seconds one frame lasts, from the media's rate ("30000/1001"), or 0 when unknown. */
    private static double frameSeconds(ReviewViewModel review) {
        var m = review.mediaProperty().get();
        if (m == null || m.frameRate() == null) {
            return 0;
        }
        String[] p = m.frameRate().split("/");
        double fps = Double.parseDouble(p[0]) / (p.length > 1 ? Double.parseDouble(p[1]) : 1);
        return fps > 0 ? 1 / fps : 0;
    }

    private void importNotes(java.nio.file.Path file) {
        if (review.mediaProperty().get() != null) {
            ImportNotesWindow.show(getScene() == null ? null : getScene().getWindow(), review, IMPORT_IO, file);
        }
    }

    /** Imports run off the FX thread, one at a time. */
    private static final java.util.concurrent.Executor IMPORT_IO =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "note-import");
                t.setDaemon(true);
                return t;
            });
}
