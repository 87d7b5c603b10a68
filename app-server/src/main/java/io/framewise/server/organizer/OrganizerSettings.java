package io.framewise.server.organizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which external organizers the server runs, and how long it waits for them.
 *
 * @param commands each organizer's command line (program and arguments)
 * @param authorizeDeadline how long an access decision waits for an organizer before denying
 * @param callDeadline how long other calls (pages, actions, events) wait before the default applies
 * @param startTimeout how long an organizer may take to serve after its process starts
 */
public record OrganizerSettings(
        List<List<String>> commands, Duration authorizeDeadline, Duration callDeadline, Duration startTimeout) {

    public OrganizerSettings {
        commands = commands.stream().map(List::copyOf).toList();
        for (List<String> c : commands) {
            if (c.isEmpty() || c.get(0).isBlank()) {
                throw new IllegalArgumentException("an organizer command must name a program");
            }
        }
        Objects.requireNonNull(authorizeDeadline, "authorizeDeadline");
        Objects.requireNonNull(callDeadline, "callDeadline");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** No external organizers; 2 s for access decisions, 5 s for other calls, 20 s to start. */
    public static OrganizerSettings none() {
        return new OrganizerSettings(List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    public OrganizerSettings withCommand(List<String> command) {
        List<List<String>> all = new ArrayList<>(commands);
        all.add(command);
        return new OrganizerSettings(all, authorizeDeadline, callDeadline, startTimeout);
    }

    public OrganizerSettings withDeadlines(Duration authorize, Duration call) {
        return new OrganizerSettings(commands, authorize, call, startTimeout);
    }

    /**
     * Splits {@code --organizer "CMD ARGS"} into words: spaces separate, single or double quotes
     * keep spaces inside one word.
     */
    public static List<String> parseCommand(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in organizer command: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("an organizer command must name a program");
        }
        return words;
    }
}
