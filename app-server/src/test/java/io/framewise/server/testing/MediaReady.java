package io.framewise.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.testing.Await;
import java.time.Duration;
import java.util.Set;

/**
 * Waiting for a media item to finish processing (seconds with real FFmpeg), however a test reads the
 * item: over HTTP, a test client or a child process. One deadline for every test, and a wait that
 * ends at once when the item reaches the other final status.
 */
public final class MediaReady {

    /** Long enough for the slowest test media on a busy two-core machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    private static final Set<String> FINAL = Set.of("ready", "failed");

    private MediaReady() {}

    /** The item, as {@code fetch} answers it, once its status is {@code ready}. */
    public static JsonNode await(String mediaId, Await.Probe<JsonNode> fetch) {
        return awaitStatus(mediaId, "ready", fetch);
    }

    /**
     * The item once its status is {@code status}.
     *
     * @throws AssertionError at once when the item reaches another final status, or at the deadline
     */
    public static JsonNode awaitStatus(String mediaId, String status, Await.Probe<JsonNode> fetch) {
        return Await.value("media " + mediaId + " to become " + status, DEADLINE, () -> {
            JsonNode item = fetch.look();
            String now = item.path("status").asText();
            if (now.equals(status)) {
                return item;
            }
            if (FINAL.contains(now)) {
                throw new AssertionError("media " + mediaId + " ended " + now + " ("
                        + item.path("error").asText() + "), expected " + status + ": " + item);
            }
            return null;
        });
    }
}
