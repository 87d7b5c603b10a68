package io.framewise.desktop.shares;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.Version;
import io.framewise.desktop.client.ServerText;
import io.framewise.desktop.client.ShareModels.GuestActivity;
import io.framewise.desktop.client.ShareModels.Heat;
import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareAnalytics;
import io.framewise.desktop.client.ShareModels.ShareTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The share links of one asset, clip or folder: the list with each link's state and views, a form
 * for a new link or for changing one, revoking, and a link's analytics (opens, guests, watch time,
 * downloads, notes) with its CSV export. Server calls run on {@code io}; properties change on
 * {@code ui}.
 */
public final class ShareLinksViewModel {

    private final Executor ui;
    private final Executor io;
    private final ZoneId zone;
    private final ObservableList<Share> links = FXCollections.observableArrayList();
    private final ObjectProperty<ShareAnalytics> analytics = new SimpleObjectProperty<>();
    private final ObjectProperty<Share> analyticsOf = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private ApiClient api;
    private ShareTarget target;
    private List<Integer> versionNumbers = List.of();

    public ShareLinksViewModel(Executor ui, Executor io, ZoneId zone) {
        this.ui = ui;
        this.io = io;
        this.zone = zone;
    }

    /**
     * Shows the links of {@code shared}; {@code versions} are the version numbers a new link may pin
     * (an asset's; empty for clips and folders).
     */
    public CompletableFuture<Void> open(ApiClient client, ShareTarget shared, List<Integer> versions) {
        this.api = client;
        this.target = shared;
        this.versionNumbers = List.copyOf(versions);
        links.clear();
        analytics.set(null);
        analyticsOf.set(null);
        return refresh();
    }

    /**
     * Shows the links of an asset, or of a clip when {@code shown} (the media on screen or the
     * asset's latest) was cut from another; a link to an asset may pin one of its versions.
     */
    public CompletableFuture<Void> openAsset(ApiClient client, Asset asset, MediaItem shown) {
        boolean clip = shown != null && shown.clipOf() != null;
        List<Integer> numbers = clip || asset.versions() == null
                ? List.of()
                : asset.versions().stream().map(Version::number).toList();
        // A clip is named by its own media item: filed as a version, its asset also holds others.
        ShareTarget t = clip
                ? new ShareTarget("clip", shown.id(), asset.title())
                : new ShareTarget("asset", asset.id(), asset.title());
        return open(client, t, numbers);
    }

    /** Shows the links of a clip just cut: {@code clipMediaId} filed in {@code assetId}. */
    public CompletableFuture<Void> openClip(ApiClient client, String assetId, String clipMediaId) {
        return CompletableFuture.supplyAsync(() -> client.asset(assetId), io)
                .thenCombine(CompletableFuture.supplyAsync(() -> client.media(clipMediaId), io), Opened::new)
                .thenComposeAsync(o -> openAsset(client, o.asset(), o.media()), ui)
                .exceptionally(err -> {
                    ui.execute(() -> message.set("The clip could not be opened: " + ApiError.reason(err)));
                    return null;
                });
    }

    private record Opened(Asset asset, MediaItem media) {}

    /** Shows the links of a folder. */
    public CompletableFuture<Void> openFolder(ApiClient client, String folderId, String name) {
        return open(client, new ShareTarget("folder", folderId, name), List.of());
    }

    public CompletableFuture<Void> refresh() {
        ApiClient client = api;
        ShareTarget t = target;
        return run(() -> client.shares(t.type(), t.id()), list -> links.setAll(list), "The links could not be listed");
    }

    /** A form for a new link to this target. */
    public ShareFormViewModel newLink() {
        return listed(new ShareFormViewModel(ui, io, zone, api, target, versionNumbers, null));
    }

    /** The list shows a form's link as soon as it is saved. */
    private ShareFormViewModel listed(ShareFormViewModel form) {
        form.savedProperty().addListener((o, was, now) -> {
            if (now) {
                refresh();
            }
        });
        return form;
    }

    /** A form that changes {@code share}. */
    public ShareFormViewModel edit(Share share) {
        return listed(new ShareFormViewModel(ui, io, zone, api, target, versionNumbers, share));
    }

    /** Revokes a link: guests holding it get a page that says so; its analytics stay. */
    public CompletableFuture<Void> revoke(Share share) {
        ApiClient client = api;
        return run(
                        () -> {
                            client.revokeShare(share.id());
                            return null;
                        },
                        x -> message.set("Revoked " + label(share)),
                        "The link was not revoked")
                .thenCompose(x -> refresh());
    }

    /** Loads a link's analytics into {@link #analyticsProperty}. */
    public CompletableFuture<Void> showAnalytics(Share share) {
        ApiClient client = api;
        analyticsOf.set(share);
        analytics.set(null);
        return run(
                () -> client.shareAnalytics(share.id()),
                a -> {
                    if (share.equals(analyticsOf.get())) {
                        analytics.set(a);
                    }
                },
                "The analytics could not be loaded");
    }

    /** Writes a link's analytics as CSV (one row per guest) to {@code file}. */
    public CompletableFuture<Void> exportCsv(Share share, Path file) {
        ApiClient client = api;
        return run(
                () -> {
                    try {
                        Files.write(file, client.shareAnalyticsCsv(share.id()));
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
                    }
                    return null;
                },
                x -> message.set("Saved " + file.getFileName()),
                "The CSV was not saved");
    }

    private <T> CompletableFuture<Void> run(Supplier<T> call, Consumer<T> then, String failure) {
        busy.set(true);
        return CompletableFuture.supplyAsync(call, io)
                .handleAsync(
                        (result, err) -> {
                            busy.set(false);
                            if (err != null) {
                                message.set(failure + ": " + ApiError.reason(err));
                            } else {
                                then.accept(result);
                            }
                            return null;
                        },
                        ui);
    }

    /** How the list names a link: its title, else when it was made. */
    public static String label(Share s) {
        String title = ServerText.oneLine(s.title());
        return !title.isEmpty() ? title : "link of " + ServerText.oneLine(s.createdAt());
    }

    /** "Active · 3 of 10 views · until 2026-12-12 · password · v2" for the list. */
    public String summary(Share s) {
        StringBuilder b = new StringBuilder(stateWord(s.state()));
        long views = s.views() == null ? 0 : s.views();
        b.append(" · ").append(views);
        b.append(s.maxViews() == null ? (views == 1 ? " view" : " views") : " of " + s.maxViews() + " views");
        LocalDate lastDay = ShareFormViewModel.lastDay(s.expiresAt(), zone);
        if (lastDay != null && s.revokedAt() == null) {
            b.append(" · ").append(s.active() ? "until " : "ended ").append(lastDay);
        }
        if (Boolean.TRUE.equals(s.hasPassword())) {
            b.append(" · password");
        }
        b.append(" · ").append(s.version() == null ? "latest version" : "v" + s.version());
        return b.toString();
    }

    static String stateWord(String state) {
        return switch (state == null ? "" : state) {
            case "active" -> "Active";
            case "expired" -> "Expired";
            case "revoked" -> "Revoked";
            case "used-up" -> "Used up";
            default -> ServerText.oneLine(state);
        };
    }

    /** At most this many guests are listed; the CSV has them all. */
    static final int MAX_GUEST_LINES = 200;

    /** At most this many heat columns (the strip is narrower than that). */
    static final int MAX_HEAT_COLUMNS = 1024;

    /**
     * Each guest's line in the analytics (who, watch time, downloads, notes, last seen), the first
     * {@link #MAX_GUEST_LINES} of them and then how many more there are.
     */
    public static List<String> guestLines(ShareAnalytics a) {
        List<GuestActivity> guests = a == null || a.guests() == null
                ? List.of()
                : a.guests().stream().filter(Objects::nonNull).toList();
        List<String> lines = new ArrayList<>();
        for (GuestActivity g : guests.subList(0, Math.min(guests.size(), MAX_GUEST_LINES))) {
            String email = ServerText.oneLine(g.email());
            lines.add(ServerText.oneLine(g.name())
                    + (email.isEmpty() ? "" : " <" + email + ">")
                    + " · watched " + duration(g.watchSeconds())
                    + " · " + count(g.downloads()) + " downloads · " + count(g.notes()) + " notes · last seen "
                    + ServerText.oneLine(g.lastSeen()));
        }
        if (guests.size() > MAX_GUEST_LINES) {
            lines.add("… and " + (guests.size() - MAX_GUEST_LINES) + " more guests (the CSV lists them all)");
        }
        return lines;
    }

    /**
     * How watched each column of the heat strip is, 0..1 with the most watched at 1; empty when
     * nothing was watched. A missing or negative bucket counts as unwatched; more buckets than
     * {@link #MAX_HEAT_COLUMNS} share columns, each showing its most watched bucket.
     */
    public static double[] heatLevels(Heat h) {
        List<Long> buckets = h == null || h.buckets() == null ? List.of() : h.buckets();
        int columns = Math.min(buckets.size(), MAX_HEAT_COLUMNS);
        long[] watched = new long[columns];
        long max = 0;
        for (int i = 0; i < buckets.size(); i++) {
            Long v = buckets.get(i);
            int column = (int) ((long) i * columns / buckets.size());
            if (v != null && v > watched[column]) {
                watched[column] = v;
                max = Math.max(max, v);
            }
        }
        if (max <= 0) {
            return new double[0];
        }
        double[] levels = new double[columns];
        for (int i = 0; i < columns; i++) {
            levels[i] = (double) watched[i] / max;
        }
        return levels;
    }

    private static long count(Long v) {
        return v == null ? 0 : v;
    }

    /** Watch time as people read it: "1 h 02 min", "3 min 05 s", "12 s". */
    public static String duration(Double seconds) {
        long s = seconds == null ? 0 : Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    public ShareTarget target() {
        return target;
    }

    public ObservableList<Share> links() {
        return links;
    }

    public ObjectProperty<ShareAnalytics> analyticsProperty() {
        return analytics;
    }

    /** The link whose analytics are shown (or being loaded). */
    public ObjectProperty<Share> analyticsOfProperty() {
        return analyticsOf;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
