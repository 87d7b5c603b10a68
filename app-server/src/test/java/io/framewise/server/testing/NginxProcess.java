package io.framewise.server.testing;

import io.framewise.model.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's nginx in front of several server nodes, configured from the shipped example
 * {@code installers/nginx/framewise-nodes.conf} so that file is what a test exercises: its upstream
 * servers become the nodes' loopback addresses, its TLS server listens on a free loopback port in
 * plain HTTP, and the port-80 redirect and certificate lines are left out. Everything else (round
 * robin, keep-alive, streaming uploads, the WebSocket upgrade, readiness and metrics locations) is
 * the example's own text. nginx runs in the foreground as this test's child with a folder of its own
 * (pid, temp paths, error log) and an access log that names the node that answered each request.
 */
public final class NginxProcess implements AutoCloseable {

    /** The example configuration, relative to the repository root. */
    public static final Path EXAMPLE = Path.of("installers", "nginx", "framewise-nodes.conf");

    private static final Duration START_DEADLINE = Duration.ofSeconds(20);
    private static final Pattern UPSTREAM_SERVER =
            Pattern.compile("(?m)^(\\s*)server\\s+10\\.0\\.0\\.\\d+:8642(\\s+[^;]*)?;\\s*$");
    private static final Pattern REDIRECT_SERVER =
            Pattern.compile("(?s)server \\{\\s*listen 80;.*?return 301 [^;]*;\\s*}\\s*");
    private static final Pattern TLS_LISTEN = Pattern.compile("(?m)^\\s*listen 443 ssl http2;\\s*$");
    private static final Pattern TLS_LINES =
            Pattern.compile("(?m)^\\s*(listen \\[::]:443[^;]*|ssl_[a-z_]+\\s[^;]*);\\s*$\\n");

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx in {@code dir} with the example's configuration in front of {@code nodes}. */
    public static NginxProcess start(Path dir, List<URI> nodes) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(Files.readString(example()), dir, port, nodes));
        Process p = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        NginxProcess nginx = new NginxProcess(p, dir, port);
        try {
            Await.value("nginx to listen on port " + port, START_DEADLINE, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                            + Files.readString(dir.resolve("error.log")));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return Boolean.TRUE;
                } catch (IOException notYet) {
                    return null;
                }
            });
        } catch (RuntimeException | Error e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    /**
     * The nginx configuration: a main context of the test's own around the example's {@code http}
     * content, with the example's addresses and TLS replaced.
     *
     * @throws IllegalStateException when the example no longer has the parts this derivation expects
     */
    static String config(String example, Path dir, int port, List<URI> nodes) {
        Matcher upstream = UPSTREAM_SERVER.matcher(example);
        List<String> servers = new ArrayList<>();
        String indent = "    ";
        String params = "";
        while (upstream.find()) {
            indent = upstream.group(1);
            params = upstream.group(2) == null ? "" : upstream.group(2);
            servers.add(upstream.group());
        }
        if (servers.isEmpty()) {
            throw new IllegalStateException(EXAMPLE + " has no upstream 'server 10.0.0.N:8642' lines to replace");
        }
        StringBuilder ours = new StringBuilder();
        for (URI node : nodes) {
            ours.append(indent)
                    .append("server ")
                    .append(node.getHost())
                    .append(':')
                    .append(node.getPort())
                    .append(params)
                    .append(";\n");
        }
        String text = example.replace(servers.get(0), ours.toString().stripTrailing());
        for (String other : servers.subList(1, servers.size())) {
            text = text.replace(other + "\n", "");
        }
        text = requireChange(REDIRECT_SERVER.matcher(text).replaceFirst(""), text, "the port 80 redirect server");
        text = requireChange(
                TLS_LISTEN.matcher(text).replaceFirst("    listen 127.0.0.1:" + port + ";"), text, "listen 443 ssl");
        text = requireChange(TLS_LINES.matcher(text).replaceAll(""), text, "the ssl_ lines");
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return """
                daemon off;
                master_process on;
                worker_processes 1;
                %1$spid %2$s/nginx.pid;
                error_log %2$s/error.log info;
                events { worker_connections 1024; }
                http {
                log_format nodes '$request_method $uri $status $upstream_addr';
                access_log %2$s/access.log nodes;
                client_body_temp_path %2$s/tmp/body;
                proxy_temp_path %2$s/tmp/proxy;
                fastcgi_temp_path %2$s/tmp/fastcgi;
                uwsgi_temp_path %2$s/tmp/uwsgi;
                scgi_temp_path %2$s/tmp/scgi;
                %3$s
                }
                """
                .formatted(user, dir.toAbsolutePath(), text);
    }

    private static String requireChange(String after, String before, String what) {
        if (after.equals(before)) {
            throw new IllegalStateException(EXAMPLE + " no longer has " + what + " where the test expects it");
        }
        return after;
    }

    /** The example file, found from the module's or the repository's folder. */
    public static Path example() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve(EXAMPLE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "cannot find " + EXAMPLE + " above " + Path.of("").toAbsolutePath());
    }

    /** Where nginx listens, ending in "/". */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** An absolute URI through nginx for a path like {@code /api/media}. */
    public URI uri(String path) {
        return baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * The access log so far: for each {@code METHOD path-prefix} request that matched, how many each
     * node ({@code host:port}) answered. nginx writes a line when a request ends.
     */
    public Map<String, Integer> answeredBy(String method, String pathPrefix) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(dir.resolve("access.log"))) {
            lines.map(l -> l.split(" "))
                    .filter(f -> f.length >= 4 && f[0].equals(method) && f[1].startsWith(pathPrefix))
                    // A request that went to the next node after an error lists every node it tried.
                    .forEach(f -> counts.merge(f[f.length - 1], 1, Integer::sum));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    public Path errorLog() {
        return dir.resolve("error.log");
    }

    /** nginx cannot listen on port 0: take a port the kernel just handed out and let it go. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM to the master (a fast shutdown that takes the worker with it). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
