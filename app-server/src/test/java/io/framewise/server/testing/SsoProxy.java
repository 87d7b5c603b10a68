package io.framewise.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A reverse proxy with single sign-on as browsers meet it: it vouches for one user on every
 * request it passes on ({@code X-Remote-User-Id}), whoever the page that sent it was, the way
 * Kerberos, Basic auth remembered by the browser or an SSO cookie do. Everything else passes through
 * as sent (including a client's own {@code X-Remote-User-Is-Admin}, as a careless proxy would).
 */
public final class SsoProxy implements AutoCloseable {

    /** Headers java.net.http sets itself or refuses; the rest pass through. */
    private static final Set<String> NOT_COPIED = Set.of(
            "connection",
            "content-length",
            "date",
            "expect",
            "from",
            "host",
            "upgrade",
            "via",
            "warning",
            "keep-alive",
            "transfer-encoding",
            "x-remote-user-id");

    private final HttpServer http;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI target;

    public SsoProxy(String user) {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", exchange -> {
            try {
                forward(exchange, user);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        http.start();
    }

    /** Where requests go (the server starts after the proxy, which it names as its public URL). */
    public void target(URI server) {
        this.target = server;
    }

    /** {@code http://127.0.0.1:PORT}, the address browsers open. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    private void forward(HttpExchange exchange, String user) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = target.resolve(exchange.getRequestURI().getRawPath().substring(1)
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        request.header("X-Remote-User-Id", user);
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
