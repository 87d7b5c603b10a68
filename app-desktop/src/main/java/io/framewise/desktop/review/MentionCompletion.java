package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Mentionable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * {@code @name} completion in the note editor: who may be mentioned on the media item (loaded once),
 * the suggestions for the mention under the caret, and the text once one is chosen. The view shows
 * {@link #suggestions()} in a popup and calls {@link #update} as the text or caret moves; the rules
 * are the server's (an {@code @} not inside an address, then letters, digits and {@code . _ -}).
 */
public final class MentionCompletion {

    /** A choice made: the new text and where the caret goes. */
    public record Completed(String text, int caret) {}

    private static final Pattern NAME_CHAR = Pattern.compile("[\\p{L}\\p{N}._-]");
    private static final Pattern BEFORE_AT = Pattern.compile("[\\p{L}\\p{N}_.@-]");
    private static final int SHOWN = 8;

    private final Executor ui;
    private final Executor io;
    private final ObservableList<Mentionable> people = FXCollections.observableArrayList();
    private final ObservableList<Mentionable> suggestions = FXCollections.observableArrayList();
    private final IntegerProperty active = new SimpleIntegerProperty(0);
    private int start = -1;

    public MentionCompletion(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
    }

    /** Loads who may be mentioned on {@code mediaId}; a failure leaves nobody to suggest. */
    public CompletableFuture<Void> load(ApiClient api, String mediaId) {
        return CompletableFuture.supplyAsync(() -> api.mentionable(mediaId, ""), io)
                .exceptionally(e -> List.of())
                .thenAcceptAsync(people::setAll, ui);
    }

    /** Looks at the text and caret: fills the suggestions for the mention being typed, or clears them. */
    public void update(String text, int caret) {
        start = mentionStart(text, caret);
        if (start < 0) {
            suggestions.clear();
            return;
        }
        String q = text.substring(start + 1, caret).toLowerCase(Locale.ROOT);
        suggestions.setAll(people.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).startsWith(q)
                        || p.displayName().toLowerCase(Locale.ROOT).startsWith(q))
                .sorted(Comparator.comparing(Mentionable::name))
                .limit(SHOWN)
                .toList());
        active.set(0);
    }

    /** Moves the highlighted suggestion by {@code delta}, wrapping around. */
    public void move(int delta) {
        int n = suggestions.size();
        if (n > 0) {
            active.set(Math.floorMod(active.get() + delta, n));
        }
    }

    /** Takes the highlighted suggestion; null when none is shown. */
    public Completed chooseActive(String text, int caret) {
        if (suggestions.isEmpty()) {
            return null;
        }
        return choose(suggestions.get(Math.min(active.get(), suggestions.size() - 1)), text, caret);
    }

    /** Replaces the mention being typed by {@code @name } and closes the suggestions. */
    public Completed choose(Mentionable person, String text, int caret) {
        int at = start >= 0 ? start : mentionStart(text, caret);
        if (at < 0) {
            return new Completed(text, caret);
        }
        String after = text.substring(caret);
        String insert = "@" + person.name() + (after.startsWith(" ") ? "" : " ");
        suggestions.clear();
        start = -1;
        return new Completed(
                text.substring(0, at) + insert + after, at + insert.length() + (after.startsWith(" ") ? 1 : 0));
    }

    /** Where the {@code @} of the mention under the caret is, or -1. */
    static int mentionStart(String text, int caret) {
        if (caret < 0 || caret > text.length()) {
            return -1;
        }
        int i = caret;
        while (i > 0 && NAME_CHAR.matcher(String.valueOf(text.charAt(i - 1))).matches()) {
            i--;
        }
        if (i == 0 || text.charAt(i - 1) != '@' || caret - i > 64) {
            return -1;
        }
        int at = i - 1;
        if (at > 0 && BEFORE_AT.matcher(String.valueOf(text.charAt(at - 1))).matches()) {
            return -1;
        }
        return at;
    }

    public ObservableList<Mentionable> people() {
        return people;
    }

    public ObservableList<Mentionable> suggestions() {
        return suggestions;
    }

    public IntegerProperty activeProperty() {
        return active;
    }
}
