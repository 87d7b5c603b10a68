package io.framewise.server.markers;

import io.framewise.server.http.ApiException;
import io.framewise.server.interchange.markers.MarkerFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an export asks for: the format, which notes (open, resolved or all; by which authors; on
 * which frames), read from the query and checked before anything is looked up.
 *
 * @param authors author ids as notes show them ({@code authorId}; a guest's is {@code guest:<id>});
 *     empty for everyone
 * @param from the first frame of the range (inclusive), or {@code null} from the start
 * @param to the last frame of the range (inclusive), or {@code null} to the end
 */
public record MarkerQuery(MarkerFormat format, Status status, Set<String> authors, Long from, Long to) {

    /** Which notes by their resolution. */
    public enum Status {
        OPEN,
        RESOLVED,
        ALL
    }

    /** The most authors one export may name. */
    static final int MAX_AUTHORS = 100;

    public MarkerQuery {
        authors = Set.copyOf(authors);
    }

    /** Reads the query's parameters; a missing or wrong one is a 400 naming it. */
    public static MarkerQuery parse(String format, String status, List<String> authors, String from, String to) {
        MarkerFormat f = MarkerFormat.fromWire(format)
                .orElseThrow(() -> bad(
                        format == null
                                ? "format is required: one of " + MarkerFormat.wires()
                                : "format must be one of " + MarkerFormat.wires(),
                        "format"));
        Status s;
        if (status == null || status.isEmpty()) {
            s = Status.ALL;
        } else {
            s = switch (status) {
                case "open" -> Status.OPEN;
                case "resolved" -> Status.RESOLVED;
                case "all" -> Status.ALL;
                default -> throw bad("status must be open, resolved or all", "status");
            };
        }
        if (authors.size() > MAX_AUTHORS) {
            throw bad("at most " + MAX_AUTHORS + " authors", "author");
        }
        for (String a : authors) {
            if (a.isEmpty() || a.length() > 64) {
                throw bad("author must be an author id", "author");
            }
        }
        Long first = frame(from, "from");
        Long last = frame(to, "to");
        if (first != null && last != null && first > last) {
            throw bad("from must not be after to", "from");
        }
        return new MarkerQuery(f, s, Set.copyOf(authors), first, last);
    }

    private static Long frame(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw bad(field + " must be a frame number (0 or more)", field);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(field + " must be a frame number (0 or more)", field);
        }
    }

    /** Whether a thread starting on {@code frame} and ending at {@code last} (inclusive) is asked for. */
    boolean covers(long frame, long last) {
        return (from == null || last >= from) && (to == null || frame <= to);
    }

    boolean wants(boolean resolved) {
        return switch (status) {
            case OPEN -> !resolved;
            case RESOLVED -> resolved;
            case ALL -> true;
        };
    }

    private static ApiException.BadRequest bad(String message, String field) {
        return new ApiException.BadRequest(message, Map.of("field", field), null);
    }
}
