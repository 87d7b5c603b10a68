package io.framewise.desktop.ui;

import io.framewise.desktop.review.NoteColours;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.PlaybackViewModel;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * The timeline: the audio envelope behind everything, playhead, loop range, and a marker per note
 * thread (a bar for a range), yellow when open and grey when resolved. Clicking or dragging seeks to the frame under the pointer.
 */
final class TimelineBar extends Pane {

    private final Canvas canvas = new Canvas();
    private final PlaybackViewModel playback;
    private final Supplier<List<NoteThread>> threads;

    TimelineBar(PlaybackViewModel playback, Supplier<List<NoteThread>> threads) {
        this.playback = playback;
        this.threads = threads;
        getStyleClass().add("timeline");
        setPrefHeight(34);
        setMinHeight(34);
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> paint());
        playback.frameProperty().addListener(o -> paint());
        playback.frameCountProperty().addListener(o -> paint());
        playback.loopInProperty().addListener(o -> paint());
        playback.loopOutProperty().addListener(o -> paint());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::seek);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seek);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::preview);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> popup.hide());
        tile.setFitWidth(192);
        tile.setPreserveRatio(true);
        popup.getContent().add(tile);
    }

    private final javafx.stage.Popup popup = new javafx.stage.Popup();
    private final javafx.scene.image.ImageView tile = new javafx.scene.image.ImageView();
    private io.framewise.desktop.client.Sprites sprites;
    private io.framewise.desktop.client.Waveform waveform;
    private double secondsPerFrame;
    private Supplier<List<Long>> sceneCuts = List::of;

    /** Suggested scene markers: hollow dashed ticks, unlike the notes' filled ones. */
    void setSceneCuts(Supplier<List<Long>> frames) {
        sceneCuts = frames;
        paint();
    }

    /** The audio envelope to draw ({@code null} for none), placed by the clip's frame duration. */
    void setWaveform(io.framewise.desktop.client.Waveform w, double frameSeconds) {
        waveform = w;
        secondsPerFrame = frameSeconds;
        paint();
    }

    /** Hover-scrub: the sprite tile nearest the frame under the pointer, above the timeline. */
    void setSprites(io.framewise.desktop.client.Sprites s) {
        sprites = s;
        tile.setImage(s == null ? null : Images.of(s.jpeg()));
    }

    private void preview(MouseEvent e) {
        long count = playback.frameCountProperty().get();
        if (sprites == null || count <= 0 || getScene() == null) {
            return;
        }
        long f = Math.round(e.getX() / getWidth() * (count - 1));
        int t = sprites.tileFor(f);
        tile.setViewport(new javafx.geometry.Rectangle2D(
                sprites.tileX(t), sprites.tileY(t), sprites.tileWidth(), sprites.tileHeight()));
        double h = 192.0 * sprites.tileHeight() / sprites.tileWidth();
        popup.show(
                getScene().getWindow(), e.getScreenX() - 96, localToScreen(0, 0).getY() - h - 6);
    }

    private void seek(MouseEvent e) {
        long count = playback.frameCountProperty().get();
        if (count > 0) {
            long f = Math.round(e.getX() / getWidth() * (count - 1));
            playback.step(f - playback.frame());
        }
    }

    void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#1c2128"));
        g.fillRect(0, 0, w, h);
        long count = playback.frameCountProperty().get();
        if (count <= 0) {
            return;
        }
        double perFrame = w / count;
        if (waveform != null && secondsPerFrame > 0) {
            // One column per pixel: the extremes of the audio under it, centred on the middle line.
            g.setFill(Color.web("#3fb950", 0.45));
            double mid = h / 2;
            for (int px = 0; px < (int) w; px++) {
                double from = px / perFrame * secondsPerFrame;
                double to = (px + 1) / perFrame * secondsPerFrame;
                double[] e = waveform.extremes(from, to);
                double top = mid - e[1] * (mid - 1);
                double bottom = mid - e[0] * (mid - 1);
                g.fillRect(px, top, 1, Math.max(1, bottom - top));
            }
        }
        long in = playback.loopInProperty().get();
        long out = playback.loopOutProperty().get();
        if (in >= 0 || out >= 0) {
            double x1 = (in >= 0 ? in : 0) * perFrame;
            double x2 = ((out >= 0 ? out : count - 1) + 1) * perFrame;
            g.setFill(Color.web("#2f81f7", 0.35));
            g.fillRect(x1, 0, x2 - x1, h);
        }
        List<Long> cuts = sceneCuts.get();
        if (!cuts.isEmpty()) {
            g.setStroke(Color.web("#e0b84a"));
            g.setLineWidth(1);
            g.setLineDashes(3, 2);
            for (long f : cuts) {
                g.strokeRect(Math.round(f * perFrame) - 1.5, 2.5, 4, h - 15);
            }
            g.setLineDashes((double[]) null);
        }
        for (NoteThread t : threads.get()) {
            g.setFill(Color.web(NoteColours.tick(t)));
            double x = t.frame() * perFrame;
            Long end = t.first().frameOut();
            double width = end == null ? Math.max(3, perFrame) : Math.max(3, (end - t.frame()) * perFrame);
            g.fillRect(x, h - 10, width, 8);
        }
        double x = (playback.frame() + 0.5) * perFrame;
        g.setFill(Color.web("#f85149"));
        g.fillRect(x - 1, 0, 2, h);
    }
}
