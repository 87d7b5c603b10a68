package io.framewise.server.testing;

import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.storage.StorageLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code framewise server} command in a child JVM on the test's class path, so a test can
 * kill it with SIGKILL and start it again on the same data folder. It listens on a free port (learnt
 * from the "Framewise server on ..." line it prints once it listens) with one worker; everything it
 * writes (stdout and the log on stderr) is appended to a log file for debugging a failed test.
 */
public final class ServerProcess implements AutoCloseable {

    /** How long a child may take to print its listening line (a cold JVM on two busy cores). */
    public static final Duration START_DEADLINE = Duration.ofSeconds(60);

    /** The exit value a JVM killed by signal 9 reports: 128 + SIGKILL. */
    public static final int SIGKILL_EXIT = 128 + 9;

    private static final Pattern LISTENING = Pattern.compile("Framewise server on (http://\\S+) \\(data: ");

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private ServerProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /**
     * Starts {@code framewise server --data DATA --port 0 --workers 1} with the given system
     * properties ({@code -Dname=value}) and waits until it listens; its output is appended to
     * {@code log}.
     */
    public static ServerProcess start(Path data, Path log, Map<String, String> systemProperties) throws IOException {
        return start(data, log, systemProperties, List.of());
    }

    /** As {@link #start(Path, Path, Map)} with more {@code server} options after the usual ones. */
    public static ServerProcess start(Path data, Path log, Map<String, String> systemProperties, List<String> options)
            throws IOException {
        return start(data, log, systemProperties, options, Map.of());
    }

    /**
     * As {@link #start(Path, Path, Map, List)} with environment variables for the child (the
     * PostgreSQL user of a node on a shared database: {@code FRAMEWISE_DB_USER}).
     */
    public static ServerProcess start(
            Path data, Path log, Map<String, String> systemProperties, List<String> options, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        // The suite's light password hashing reaches the child servers too.
        String hashing = System.getProperty(PasswordHasher.COST_PROPERTY);
        if (hashing != null) {
            cmd.add("-D" + PasswordHasher.COST_PROPERTY + "=" + hashing);
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.framewise.cli.FramewiseCli"));
        cmd.addAll(List.of("server", "--data", data.toString(), "--port", "0", "--workers", "1"));
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The child must take its settings from the command line only, not from the build's environment.
        pb.environment().keySet().removeIf(k -> k.startsWith("FRAMEWISE_"));
        inheritRunDefaults(data, options, cmd, pb.environment());
        pb.environment().putAll(env);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Writer out = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out.write("==== " + String.join(" ", cmd.subList(0, cmd.indexOf("-cp"))) + " ... server --data " + data
                + System.lineSeparator());
        out.flush();
        Process process = pb.start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, out, listening), "server-process-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            URI uri = listening.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, uri, log);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "The server process did not report where it listens within " + START_DEADLINE.toSeconds()
                            + " s (exit: " + (process.isAlive() ? "running" : process.exitValue()) + "); see "
                            + log.toAbsolutePath(),
                    e);
        }
    }

    /**
     * In the suite's PostgreSQL or S3 run, a child started without {@code --db} or {@code --storage}
     * gets the database and store this JVM chose for its data folder, as an in-process server would:
     * the child's own class path would otherwise start a cluster or s3proxy of its own.
     */
    private static void inheritRunDefaults(
            Path data, List<String> options, List<String> cmd, Map<String, String> childEnv) {
        if (!options.contains("--db")) {
            new PostgresPerDataFolder().forDataFolder(data.toAbsolutePath()).ifPresent(db -> {
                DatabaseLocation.Postgres pg = (DatabaseLocation.Postgres) db;
                cmd.addAll(List.of("--db", "postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database()));
                childEnv.put(DatabaseLocation.USER_VARIABLE, pg.user());
            });
        }
        if (!options.contains("--storage")) {
            new S3PerDataFolder().forDataFolder(data.toAbsolutePath()).ifPresent(s3 -> {
                String prefix = ((StorageLocation.S3) s3).prefix();
                cmd.addAll(List.of("--storage", S3PerDataFolder.server().storage(S3PerDataFolder.BUCKET, prefix, "")));
                childEnv.put("AWS_ACCESS_KEY_ID", S3Proxy.IDENTITY);
                childEnv.put("AWS_SECRET_ACCESS_KEY", S3Proxy.CREDENTIAL);
            });
        }
    }

    /** Copies the child's output to the log, completing {@code listening} at the line that says where. */
    private static void pump(Process process, Writer out, CompletableFuture<URI> listening) {
        try (out;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.write(System.lineSeparator());
                out.flush();
                Matcher m = LISTENING.matcher(line);
                if (!listening.isDone() && m.find()) {
                    String uri = m.group(1);
                    listening.complete(URI.create(uri.endsWith("/") ? uri : uri + "/"));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        }
        listening.completeExceptionally(new IllegalStateException("the server process ended its output"));
    }

    /** Where the server listens, ending in "/". */
    public URI baseUri() {
        return baseUri;
    }

    /** An absolute URI on this server for a path like {@code /api/media}. */
    public URI uri(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux: no shutdown hooks, no
     * flushing, nothing closed) and waits for it to be gone; returns its exit value, which is {@value
     * #SIGKILL_EXIT} when the signal did it.
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
