package io.framewise.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another web site on this machine: serves the pages a test puts here at {@code
 * http://localhost:PORT}, a different origin (and, to a server reached at 127.0.0.1, a different
 * site) from the Framewise server under attack.
 */
public final class AttackerSite implements AutoCloseable {

    private final HttpServer http;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    public AttackerSite() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "no such page" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    /** Serves {@code html} at {@code path} and answers the page's address. */
    public URI page(String path, String html) {
        pages.put(path, html);
        return origin().resolve(path);
    }

    /** {@code http://localhost:PORT} */
    public URI origin() {
        return URI.create("http://localhost:" + http.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
