package io.framewise.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.FramewiseServer;
import io.framewise.server.testing.MediaReady;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** REST calls the browser tests use to seed and check the server the pages talk to. */
final class ServerFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FramewiseServer server;
    /** An API token sent as a bearer on every call (servers with sign-in), or null. */
    private final String token;

    ServerFixture(FramewiseServer server) {
        this(server, null);
    }

    ServerFixture(FramewiseServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /**
     * A fixture calling as a new administrator account (servers with sign-in): the account signs in
     * in the browser with its password, the fixture seeds with an API token of it.
     */
    static ServerFixture asNewAdmin(FramewiseServer server, String name, String password) {
        server.repositories().accounts().create(name, password, true);
        String id =
                server.repositories().accounts().findByName(name).orElseThrow().id();
        return new ServerFixture(
                server, server.tokens().issue(id, "tests", null).token());
    }

    /** The API token this fixture calls with, or null. */
    String token() {
        return token;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    URI base() {
        return server.baseUri();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    JsonNode send(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String upload(Path file, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                request("/api/media?filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Polls the media item until it is ready (processing takes seconds with real FFmpeg). */
    JsonNode awaitReady(String mediaId) {
        return MediaReady.await(mediaId, () -> get("/api/media/" + mediaId));
    }

    String project(String name) throws IOException, InterruptedException {
        return send("POST", "/api/projects", JSON.writeValueAsString(java.util.Map.of("name", name)))
                .get("id")
                .asText();
    }

    String asset(String projectId, String title, String mediaId) throws IOException, InterruptedException {
        return send(
                        "POST",
                        "/api/assets",
                        JSON.writeValueAsString(
                                java.util.Map.of("projectId", projectId, "title", title, "mediaId", mediaId)))
                .get("id")
                .asText();
    }
}
