package io.framewise.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Framewise server as a separate JVM, started with {@code framewise server} from this JVM's
 * classpath, so the benchmarks measure it from outside: its memory from {@code /proc}, its
 * throughput over real loopback sockets, without sharing a heap or a JIT with the clients.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Framewise server on (\\S+) \\(data: .*\\)");

    private final Process process;
    private final URI baseUri;

    private ServerProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /** Starts a server on {@code dataDir} with the given heap limit and waits until it listens. */
    static ServerProcess start(Path dataDir, String maxHeap, Path log) throws IOException, InterruptedException {
        return start(dataDir, maxHeap, log, List.of());
    }

    /** As {@link #start(Path, String, Path)}, with more {@code framewise server} options ({@code --auth local}). */
    static ServerProcess start(Path dataDir, String maxHeap, Path log, List<String> options)
            throws IOException, InterruptedException {
        return start(dataDir, maxHeap, List.of(), log, options);
    }

    /** As {@link #start(Path, String, Path, List)}, with more JVM options ({@code -Dname=value}). */
    static ServerProcess start(Path dataDir, String maxHeap, List<String> jvmOptions, Path log, List<String> options)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        // More options for every server a benchmark starts, to look inside one (a flight recording):
        // -Dframewise.benchServerJvm="-XX:StartFlightRecording=filename=/tmp/server.jfr,settings=profile"
        String more = System.getProperty("framewise.benchServerJvm", "").trim();
        if (!more.isEmpty()) {
            cmd.addAll(List.of(more.split("\\s+")));
        }
        cmd.addAll(List.of(
                "-Xmx" + maxHeap,
                "-cp",
                System.getProperty("java.class.path"),
                "io.framewise.cli.FramewiseCli",
                "server",
                "--data",
                dataDir.toString(),
                "--port",
                "0",
                "--workers",
                "1"));
        cmd.addAll(options);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                listening.complete(URI.create(m.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        listening.completeExceptionally(e);
                    }
                    listening.completeExceptionally(new IOException("server exited; see " + log));
                },
                "server-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(p, listening.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("server did not start; log: " + Files.readString(log), e);
        }
    }

    URI baseUri() {
        return baseUri;
    }

    URI uri(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    int port() {
        return baseUri.getPort();
    }

    long pid() {
        return process.pid();
    }

    /** The resident set now ({@code VmRSS}), in bytes. */
    long rssBytes() throws IOException {
        return statusKb("VmRSS:") * 1024;
    }

    /** The peak resident set since start ({@code VmHWM}), in bytes. */
    long peakRssBytes() throws IOException {
        return statusKb("VmHWM:") * 1024;
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(
                        line.substring(field.length()).replace("kB", "").strip());
            }
        }
        throw new IOException(field + " missing from /proc/" + process.pid() + "/status");
    }

    /** SIGTERM (the server's shutdown hook closes it cleanly), SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
