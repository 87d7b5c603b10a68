package io.framewise.desktop.shares;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ServerText;
import io.framewise.desktop.client.ShareModels.IssuedShare;
import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareTarget;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The form of one share link, new or being edited: which version it shows, expiry, password,
 * rights, maximum views, per-viewer watermark, whether guests give an e-mail, the live session,
 * and its title. A new link's address is shown once, right after it is made ({@link #linkProperty}):
 * the server never tells it again. Server calls run on {@code io}; properties change on {@code ui}.
 */
public final class ShareFormViewModel {

    /** A version to pin, or {@link #LATEST}. */
    public record VersionChoice(Integer number, String label) {
        public static final VersionChoice LATEST = new VersionChoice(null, "Always the latest version");

        @Override
        public String toString() {
            return label;
        }
    }

    /** The server's shortest link password. */
    static final int MIN_PASSWORD = 8;

    private final Executor ui;
    private final Executor io;
    private final ZoneId zone;
    private final ApiClient api;
    private final ShareTarget target;
    private final Share editing;
    private final ObservableList<VersionChoice> versions =
            FXCollections.observableArrayList(List.of(VersionChoice.LATEST));
    private final ObjectProperty<VersionChoice> version = new SimpleObjectProperty<>(VersionChoice.LATEST);
    private final ObjectProperty<LocalDate> expires = new SimpleObjectProperty<>();
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty clearPassword = new SimpleBooleanProperty(false);
    private final BooleanProperty comment = new SimpleBooleanProperty(true);
    private final BooleanProperty approve = new SimpleBooleanProperty(false);
    private final BooleanProperty download = new SimpleBooleanProperty(false);
    private final BooleanProperty downloadProxy = new SimpleBooleanProperty(false);
    private final StringProperty maxViews = new SimpleStringProperty("");
    private final BooleanProperty watermark = new SimpleBooleanProperty(false);
    private final BooleanProperty requireEmail = new SimpleBooleanProperty(false);
    private final BooleanProperty live = new SimpleBooleanProperty(false);
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty link = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty saved = new SimpleBooleanProperty(false);
    private boolean keepExpiry;

    /**
     * A form for a new link to {@code target} ({@code editing} null) or for changing {@code editing};
     * {@code versionNumbers} are the asset's versions that can be pinned (empty for clips and folders).
     */
    public ShareFormViewModel(
            Executor ui,
            Executor io,
            ZoneId zone,
            ApiClient api,
            ShareTarget target,
            List<Integer> versionNumbers,
            Share editing) {
        this.ui = ui;
        this.io = io;
        this.zone = zone;
        this.api = api;
        this.target = target;
        this.editing = editing;
        for (Integer n : versionNumbers) {
            versions.add(new VersionChoice(n, "Version " + n + " only"));
        }
        title.set(target.title() == null ? "" : target.title());
        if (editing != null) {
            fill(editing);
        }
    }

    private void fill(Share s) {
        versions.stream()
                .filter(v -> v.number() != null && v.number().equals(s.version()))
                .findFirst()
                .ifPresent(version::set);
        expires.set(lastDay(s.expiresAt(), zone));
        // An expiry the form cannot read is left as the server has it, not cleared on save.
        keepExpiry = s.expiresAt() != null && expires.get() == null;
        comment.set(s.allows("comment"));
        approve.set(s.allows("approve"));
        download.set(s.allows("download"));
        downloadProxy.set(s.allows("downloadProxy"));
        maxViews.set(s.maxViews() == null ? "" : Integer.toString(s.maxViews()));
        watermark.set(Boolean.TRUE.equals(s.watermark()));
        requireEmail.set(Boolean.TRUE.equals(s.requireEmail()));
        live.set(Boolean.TRUE.equals(s.live()));
        title.set(s.title() == null ? "" : s.title());
    }

    /**
     * The last day a link works, as the date picker and the list show it: a link expires at the end
     * of that day, so the next midnight names the day before. Null for no expiry, or one the server
     * sent in a form that is not an instant.
     */
    static LocalDate lastDay(String expiresAt, ZoneId zone) {
        if (expiresAt == null) {
            return null;
        }
        try {
            return Instant.parse(expiresAt).minusSeconds(1).atZone(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Makes the link (or saves the changes); completes when the server has answered. */
    public CompletableFuture<Void> save() {
        ObjectNode body;
        try {
            body = editing == null ? createBody() : changeBody();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        message.set("");
        ApiClient client = api;
        if (editing == null) {
            return CompletableFuture.supplyAsync(() -> client.createShare(body), io)
                    .handleAsync(
                            (issued, err) -> {
                                busy.set(false);
                                if (err != null) {
                                    message.set("The link was not made: " + ApiError.reason(err));
                                } else {
                                    String made = address(client, issued);
                                    link.set(made == null ? "" : made);
                                    saved.set(true);
                                    message.set(
                                            made == null
                                                    ? "The link was made but the server's answer did not carry it:"
                                                            + " revoke it and make another."
                                                    : "Copy the link now: it is shown only this once.");
                                }
                                return null;
                            },
                            ui);
        }
        return CompletableFuture.supplyAsync(() -> client.updateShare(editing.id(), body), io)
                .handleAsync(
                        (share, err) -> {
                            busy.set(false);
                            if (err != null) {
                                message.set("The changes were not saved: " + ApiError.reason(err));
                            } else {
                                saved.set(true);
                                message.set("Saved");
                            }
                            return null;
                        },
                        ui);
    }

    /**
     * The link to hand out: the server's address, made absolute against the server when relative,
     * else one made of the token; null when the answer carries neither (or only something that is
     * no web address or token).
     */
    static String address(ApiClient client, IssuedShare issued) {
        String url = issued == null ? null : issued.url();
        if (url != null
                && url.startsWith("/")
                && !url.startsWith("//")
                && ServerText.oneLine(url).equals(url)) {
            return client.resolve(url).toString();
        }
        if (url != null && WEB_ADDRESS.matcher(url).matches()) {
            return url;
        }
        String token = issued == null ? null : issued.token();
        return token != null && TOKEN.matcher(token).matches()
                ? client.resolve("/s/" + token).toString()
                : null;
    }

    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[^\\s\\p{Cntrl}]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,}");

    ObjectNode createBody() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.putObject("target").put("type", target.type()).put("id", target.id());
        if (version.get() != null && version.get().number() != null) {
            b.put("version", version.get().number());
        }
        putExpiry(b);
        if (!password.get().isEmpty()) {
            b.put("password", checkedPassword());
        }
        b.set("rights", rights());
        Integer views = views();
        if (views != null) {
            b.put("maxViews", views);
        }
        b.put("watermark", watermark.get());
        b.put("requireEmail", requireEmail.get());
        b.put("live", live.get());
        putTitle(b);
        return b;
    }

    /** What an edit may change: all but the target and the pinned version. */
    ObjectNode changeBody() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        if (expires.get() != null) {
            putExpiry(b);
        } else if (!keepExpiry) {
            b.putNull("expiresAt");
        }
        if (clearPassword.get()) {
            b.putNull("password");
        } else if (!password.get().isEmpty()) {
            b.put("password", checkedPassword());
        }
        b.set("rights", rights());
        Integer views = views();
        if (views == null) {
            b.putNull("maxViews");
        } else {
            b.put("maxViews", views);
        }
        b.put("watermark", watermark.get());
        b.put("requireEmail", requireEmail.get());
        b.put("live", live.get());
        if (title().isEmpty()) {
            b.putNull("title");
        } else {
            b.put("title", title());
        }
        return b;
    }

    private String checkedPassword() {
        if (password.get().length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("A link's password has at least " + MIN_PASSWORD + " characters");
        }
        return password.get();
    }

    private void putExpiry(ObjectNode b) {
        LocalDate day = expires.get();
        if (day == null) {
            return;
        }
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (!end.isAfter(Instant.now())) {
            throw new IllegalArgumentException("The expiry date has passed: pick today or a later day");
        }
        b.put("expiresAt", end.toString());
    }

    private void putTitle(ObjectNode b) {
        if (!title().isEmpty()) {
            b.put("title", title());
        }
    }

    /** The title as typed, without the spaces around it; empty for none. */
    private String title() {
        return title.get() == null ? "" : title.get().strip();
    }

    private ArrayNode rights() {
        List<String> out = new ArrayList<>(List.of("view"));
        if (comment.get()) {
            out.add("comment");
        }
        if (approve.get()) {
            out.add("approve");
        }
        if (download.get()) {
            out.add("download");
        }
        if (downloadProxy.get()) {
            out.add("downloadProxy");
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        out.forEach(a::add);
        return a;
    }

    /** The maximum number of views, or null for no limit. */
    private Integer views() {
        String s = maxViews.get() == null ? "" : maxViews.get().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException("Maximum views is a whole number of at least 1, or empty for no limit");
    }

    public ShareTarget target() {
        return target;
    }

    /** True when this form changes an existing link (its target and version are then fixed). */
    public boolean editing() {
        return editing != null;
    }

    public Share edited() {
        return editing;
    }

    public ObservableList<VersionChoice> versions() {
        return versions;
    }

    public ObjectProperty<VersionChoice> versionProperty() {
        return version;
    }

    /** The last day the link works (it expires at that day's end), or null for never. */
    public ObjectProperty<LocalDate> expiresProperty() {
        return expires;
    }

    /** A new password; empty keeps the current one (or sets none on a new link). */
    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty clearPasswordProperty() {
        return clearPassword;
    }

    public BooleanProperty commentProperty() {
        return comment;
    }

    public BooleanProperty approveProperty() {
        return approve;
    }

    public BooleanProperty downloadProperty() {
        return download;
    }

    public BooleanProperty downloadProxyProperty() {
        return downloadProxy;
    }

    public StringProperty maxViewsProperty() {
        return maxViews;
    }

    public BooleanProperty watermarkProperty() {
        return watermark;
    }

    public BooleanProperty requireEmailProperty() {
        return requireEmail;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** The new link's address, shown once; empty before it is made and for edits. */
    public StringProperty linkProperty() {
        return link;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** True once the server has made the link or saved the changes. */
    public BooleanProperty savedProperty() {
        return saved;
    }
}
