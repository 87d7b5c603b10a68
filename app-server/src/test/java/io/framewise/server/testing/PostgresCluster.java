package io.framewise.server.testing;

import io.framewise.server.db.DatabaseLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster on a loopback port for tests, made with Debian's {@code initdb} and
 * {@code pg_ctl} (STACK.md's recipe): trust authentication for user {@code test}, no fsync, its
 * socket and data in a temp folder. initdb refuses to run as root, so as root the cluster belongs to
 * the {@code postgres} user that Debian's package creates. Stopped (immediately) and deleted by
 * {@link #close()} or when the JVM exits.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "test";

    private final Path dir;
    private final int port;
    private final List<String> owner;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile boolean stopped;
    private String templateName;

    /** The prefix of the migrated template's database name. */
    private static final String TEMPLATE = "migrated_template";

    private PostgresCluster(Path dir, int port, List<String> owner) {
        this.dir = dir;
        this.port = port;
        this.owner = owner;
    }

    /** Whether Debian's PostgreSQL server programs are installed. */
    public static boolean available() {
        return binDir() != null;
    }

    /** Makes and starts a new cluster. */
    public static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = binDir();
        if (bin == null) {
            throw new IllegalStateException(
                    "PostgreSQL's server programs are not installed (Debian package postgresql; ./framewise test installs it)");
        }
        Path dir = Files.createTempDirectory("framewise-pg-");
        List<String> owner = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "postgres:postgres", dir.toString()), List.of(), dir);
            owner = List.of("runuser", "-u", "postgres", "--");
        }
        int port = freePort();
        Path data = dir.resolve("data");
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        USER,
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "-D",
                        data.toString()),
                owner,
                dir);
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                        "-w",
                        "start"),
                owner,
                dir);
        PostgresCluster cluster = new PostgresCluster(dir, port, owner);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-cluster-stop"));
        return cluster;
    }

    public int port() {
        return port;
    }

    /** A new empty database on the cluster. */
    public DatabaseLocation.Postgres newDatabase(String prefix) {
        return create(prefix, "");
    }

    /**
     * A new database already at the newest schema: a copy of a template the library's own migrations
     * made once in this cluster. The server's Flyway finds every migration applied (checksums
     * included) and only validates, where migrating each of the run's several hundred databases
     * afresh was a large part of the PostgreSQL run's CPU (ADR 0065). The migrations hold no random
     * value, so a copy is the database a fresh migration would make.
     */
    public DatabaseLocation.Postgres newMigratedDatabase(String prefix) {
        return create(prefix, " TEMPLATE " + migratedTemplate());
    }

    private DatabaseLocation.Postgres create(String prefix, String template) {
        String name = prefix + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseLocation.Postgres("127.0.0.1", port, name, USER, "");
    }

    private synchronized String migratedTemplate() {
        if (templateName == null) {
            DatabaseLocation.Postgres template = create(TEMPLATE, "");
            // Migrated and closed by the server's own code, so the history and checksums are its own.
            io.framewise.server.db.Database.open(template, java.time.Clock.systemUTC())
                    .close();
            templateName = template.database();
        }
        return templateName;
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        Path bin = binDir();
        try {
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-m",
                            "immediate",
                            "-w",
                            "stop"),
                    owner,
                    dir);
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // Stopping is best effort: the folder goes anyway.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }

    private static Path binDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> versionOf(b.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void run(List<String> command, List<String> owner, Path dir)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(owner);
        full.addAll(command);
        Path log = dir.resolve("commands.log");
        Process p = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", full));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "failed (exit " + p.exitValue() + "): " + String.join(" ", full) + "\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
