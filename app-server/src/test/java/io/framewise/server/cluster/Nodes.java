package io.framewise.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.Ids;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.testing.PostgresPerDataFolder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several server nodes in one JVM on one PostgreSQL database, each with its own data folder and a
 * port of its own, as a round-robin balancer would see them; with people who have accounts.
 */
public final class Nodes implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final DatabaseLocation.Postgres database;
    public final List<FramewiseServer> servers = new ArrayList<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> userIds = new HashMap<>();

    /** Starts {@code count} nodes one after the other (the first migrates the database). */
    public Nodes(Path data, int count) {
        database = PostgresPerDataFolder.cluster().newDatabase("nodes");
        try {
            for (int i = 0; i < count; i++) {
                servers.add(FramewiseServer.start(ServerConfig.defaults(data.resolve("node" + i))
                        .withDatabase(database)
                        .withPort(0)
                        .withWorkers(1)
                        .withAuth(AuthSettings.local())));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public FramewiseServer node(int i) {
        return servers.get(i);
    }

    /** Makes an account (on the first node: they all share the database) and a token for it. */
    public String person(String name) {
        FramewiseServer s = servers.get(0);
        String id = s.repositories()
                .accounts()
                .create(name, "correct horse battery", false)
                .id();
        userIds.put(name, id);
        tokens.put(name, s.tokens().issue(id, "tests", null).token());
        return id;
    }

    public Map<String, String> bearer(String name) {
        return Map.of("Authorization", "Bearer " + tokens.get(name));
    }

    /**
     * A media item uploaded by {@code name} and filed nowhere (only they may see it), ready for
     * review with {@code frames} frames at 25 fps; it has no file, which notes and live sessions
     * do not need.
     */
    public String readyMedia(String name, long frames) {
        FramewiseServer s = servers.get(0);
        String id = Ids.newId();
        s.repositories()
                .media()
                .create(new NewMediaItem(id, "shot.mov", "media/" + id + "/shot.mov", 4, null, userIds.get(name)));
        s.repositories()
                .media()
                .setProbe(
                        id,
                        new ProbeSummary(
                                frames, FrameRate.FPS_25, "01:00:00:00", false, 640, 360, frames * 40_000, true, "{}"));
        s.repositories().media().markReady(id);
        return id;
    }

    /** Adds a note as {@code name} through node {@code node}; returns its id. */
    public String note(int node, String name, String mediaId, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("text", text, "frame", 3));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        servers.get(node).baseUri().resolve("/api/media/" + mediaId + "/comments"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        bearer(name).forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        JsonNode note = JSON.readTree(response.body());
        return note.get("id").asText();
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }
}
