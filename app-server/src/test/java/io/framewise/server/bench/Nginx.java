package io.framewise.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving one folder on loopback, configured from a file in a temp folder: foreground
 * ({@code daemon off}) with a master and one worker per core, sendfile on, no access log, its own
 * pid and temp paths. Stopped by stopping the master process this class started.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx serve(Path root, Path dir) throws IOException, InterruptedException {
        return start(dir, "root %s;".formatted(root));
    }

    /**
     * nginx in front of a Framewise server started with {@code --file-offload nginx:/_framewise_files/}:
     * requests go to the server, and the files it names are sent from {@code dataDir} by nginx.
     */
    static Nginx front(int upstreamPort, Path dataDir, Path dir) throws IOException, InterruptedException {
        return start(
                dir,
                """
                location /_framewise_files/ {
                            internal;
                            alias %1$s/;
                        }
                        location / {
                            proxy_pass http://127.0.0.1:%2$d;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_buffering off;
                        }"""
                        .formatted(dataDir.toAbsolutePath().normalize(), upstreamPort));
    }

    private static Nginx start(Path dir, String serverBody) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("tmp"));
        int port = freePort();
        String conf =
                """
                daemon off;
                master_process on;
                worker_processes auto;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 100000;
                    default_type application/octet-stream;
                    types { video/mp4 mp4; }
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        %3$s
                    }
                }
                """
                        .formatted(dir, port, serverBody);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + Files.readString(dir.resolve("error.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new Nginx(p, port);
            } catch (IOException notYet) {
                ServerBench.pause(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("nginx did not listen on port " + port);
    }

    /** nginx cannot listen on port 0: take a port the kernel just handed out and let it go. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM to the master: a fast shutdown that takes the workers down with it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
