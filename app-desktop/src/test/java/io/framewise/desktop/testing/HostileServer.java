package io.framewise.desktop.testing;

import com.sun.net.httpserver.HttpServer;
import io.framewise.desktop.client.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A server that answers the desktop's calls with whatever a test sets: wrong types, control
 * characters, huge lists, nothing at all. A real socket on port 0; {@code "METHOD /path"} (the path
 * without its query) picks the answer, anything unset is a 404.
 */
public final class HostileServer implements AutoCloseable {

    private record Answer(int status, byte[] body) {}

    private final HttpServer http;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    public final ApiClient api;

    public HostileServer() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            Answer a = answers.getOrDefault(
                    key,
                    new Answer(
                            404,
                            "{\"error\":{\"code\":\"not_found\",\"message\":\"nothing here\"}}"
                                    .getBytes(StandardCharsets.UTF_8)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            exchange.getResponseBody().write(a.body());
            exchange.close();
        });
        http.start();
        api = new ApiClient(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/"), null);
    }

    /** Answers {@code method path} with {@code status} and {@code json} (sent as it is, even when not JSON). */
    public HostileServer answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public HostileServer answer(String method, String path, String json) {
        return answer(method, path, 200, json);
    }

    /** A list answer {@code {"items":[...]}} of {@code count} items, item {@code i} as {@code item} writes it. */
    public static String items(int count, IntFunction<String> item) {
        return IntStream.range(0, count).mapToObj(item).collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
