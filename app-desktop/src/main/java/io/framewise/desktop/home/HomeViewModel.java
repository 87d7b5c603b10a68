package io.framewise.desktop.home;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Home;
import io.framewise.desktop.client.ApiModels.HomeEntry;
import io.framewise.desktop.client.ApiModels.HomeMention;
import io.framewise.desktop.client.Sprites;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The desktop's start screen, as the web's home page: "Needs my review", "Mentions and replies to
 * me", "Recently uploaded" and "Continue watching" for the signed-in person, each with what to do
 * when it is empty; posters load on demand and "Continue watching" opens at the saved frame.
 */
public final class HomeViewModel {

    /** One tile: the asset, the media whose poster it shows, and (to continue) where to open. */
    public record Tile(String assetId, String title, String mediaId, String approval, Long frame) {

        static Tile of(HomeEntry e) {
            var latest = e.asset().latest();
            String approval = latest == null || latest.approval() == null
                    ? "needs_review"
                    : latest.approval().status();
            return new Tile(e.asset().id(), e.asset().title(), e.mediaId(), approval, e.frame());
        }
    }

    /** What an empty section says, so the screen tells a new user what to do. */
    public static final Map<String, String> EMPTY = Map.of(
            "needsReview",
            "Nothing waits for your review. Media added to your projects shows here until it is decided.",
            "mentions",
            "No one has mentioned you yet. Notes that name you with @ and replies to yours show here.",
            "recent",
            "Nothing uploaded yet. Drop files on the library, or into the watched folder.",
            "continue",
            "Open something to review: the frame you leave at is kept here.");

    private final Executor ui;
    private final Executor io;
    private final ObservableList<Tile> needsReview = FXCollections.observableArrayList();
    private final ObservableList<HomeMention> mentions = FXCollections.observableArrayList();
    private final ObservableList<Tile> recent = FXCollections.observableArrayList();
    private final ObservableList<Tile> continueWatching = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final Map<String, CompletableFuture<byte[]>> posters = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Sprites>> sprites = new ConcurrentHashMap<>();
    private volatile ApiClient api;

    /** @param ui runs model changes (the FX thread); @param io runs server calls */
    public HomeViewModel(Executor ui, Executor io) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.io = Objects.requireNonNull(io, "io");
    }

    /** Loads (or reloads) the four sections from the server. */
    public CompletableFuture<Void> load(ApiClient client) {
        this.api = client;
        ui.execute(() -> busy.set(true));
        return CompletableFuture.supplyAsync(client::home, io)
                .handleAsync(
                        (home, failure) -> {
                            busy.set(false);
                            if (failure != null) {
                                error.set("Could not load your start screen: " + rootMessage(failure));
                                return null;
                            }
                            error.set("");
                            show(home);
                            return null;
                        },
                        ui);
    }

    private void show(Home home) {
        needsReview.setAll(tiles(home.needsReview()));
        mentions.setAll(home.mentions() == null ? List.of() : home.mentions());
        recent.setAll(tiles(home.recent()));
        continueWatching.setAll(tiles(home.continueWatching()));
    }

    private static List<Tile> tiles(List<HomeEntry> entries) {
        return entries == null ? List.of() : entries.stream().map(Tile::of).toList();
    }

    /** The poster of a tile's media (fetched once; empty bytes when there is none yet). */
    public CompletableFuture<byte[]> poster(String mediaId) {
        ApiClient client = api;
        if (client == null) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        return posters.computeIfAbsent(
                mediaId,
                id -> CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return client.poster(id);
                            } catch (RuntimeException none) {
                                return new byte[0];
                            }
                        },
                        io));
    }

    /**
     * The hover-scrub sprite sheet of a tile's media, fetched the first time the pointer is over it;
     * null when it has none (audio, still processing) or it cannot be had.
     */
    public CompletableFuture<Sprites> sprites(String mediaId) {
        ApiClient client = api;
        if (client == null || mediaId == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Sprites> sheet = sprites.computeIfAbsent(
                mediaId,
                id -> CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return client.sprites(id);
                            } catch (RuntimeException none) {
                                return null;
                            }
                        },
                        io));
        // A media still processing has no sheet yet: ask again on the next hover.
        sheet.thenAccept(s -> {
            if (s == null) {
                sprites.remove(mediaId, sheet);
            }
        });
        return sheet;
    }

    /**
     * The sprite tile to show with the pointer at {@code fraction} (0..1) of a poster's width: the
     * sheet's samples are spread evenly over the media, so the fraction picks one directly.
     */
    public static int scrubTile(Sprites sheet, double fraction) {
        int count = sheet.frames().length;
        if (count == 0) {
            return 0;
        }
        double f = Math.max(0, Math.min(1, fraction));
        return Math.min(count - 1, (int) Math.floor(f * count));
    }

    /** The line under a tile's title: where "Continue watching" resumes, else the review state. */
    public static String detail(Tile tile) {
        if (tile.frame() != null) {
            return "Continue at frame " + tile.frame();
        }
        return switch (tile.approval()) {
            case "approved" -> "Approved";
            case "changes_requested" -> "Changes requested";
            default -> "Needs review";
        };
    }

    /** The frame a tile opens at: the saved one to continue, else the start. */
    public static long openingFrame(Tile tile) {
        return tile.frame() == null ? 0 : tile.frame();
    }

    /** The text an empty section shows, or empty when it has entries. */
    public String emptyText(String section) {
        boolean empty =
                switch (section) {
                    case "needsReview" -> needsReview.isEmpty();
                    case "mentions" -> mentions.isEmpty();
                    case "recent" -> recent.isEmpty();
                    case "continue" -> continueWatching.isEmpty();
                    default -> throw new IllegalArgumentException("no section " + section);
                };
        return empty ? EMPTY.get(section) : "";
    }

    public ObservableList<Tile> needsReview() {
        return needsReview;
    }

    public ObservableList<HomeMention> mentions() {
        return mentions;
    }

    public ObservableList<Tile> recent() {
        return recent;
    }

    public ObservableList<Tile> continueWatching() {
        return continueWatching;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
