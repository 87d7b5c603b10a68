package io.framewise.server.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's benchmarks, each side by side with the obvious alternative in the same run, printing
 * ratios. Not a test: run with {@code ./framewise bench server [upload range ws notes hls seek scale step soak web
 * storage fanout nodes]}. The server
 * runs as its own process ({@code framewise server} on this classpath) so its memory and throughput
 * are measured from outside. Results go to docs/benchmarks.md with the command that made them.
 *
 * <p>System properties: {@code framewise.benchDir} (work folder, default {@code target/bench-server};
 * the upload needs its size plus 2 GiB free there) and {@code framewise.uploadGiB} (default 4).
 */
public final class ServerBench {

    static final List<String> SECTIONS = List.of(
            "upload", "range", "ws", "notes", "hls", "seek", "scale", "step", "soak", "web", "storage", "crypt",
            "fanout", "nodes");

    /**
     * Without arguments: all but hls, whose first run makes an hour of 1080p and its ladder, seek,
     * which encodes a minute of 1080p and its seek proxy, scale, which writes a library of a million
     * notes, step and soak (stepping and memory under load, minutes each), web, which drives a real
     * Chromium over the seek benchmark's minute of 1080p, and nodes, which runs 1, 2 and 3 server
     * processes on a throwaway PostgreSQL cluster.
     */
    static final List<String> DEFAULT_SECTIONS = List.of("upload", "range", "ws", "notes");

    /** One line of the results table. */
    record Row(String benchmark, String framewise, String alternative, String ratio, String goal) {
        static Row skipped(String benchmark, String why) {
            return new Row(benchmark, "skipped: " + why, "-", "-", "-");
        }

        @Override
        public String toString() {
            return "| " + benchmark + " | " + framewise + " | " + alternative + " | " + ratio + " | " + goal + " |";
        }
    }

    private ServerBench() {}

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(args.length == 0 ? DEFAULT_SECTIONS : List.of(args));
        for (String s : only) {
            if (!SECTIONS.contains(s)) {
                System.err.println("unknown section '" + s + "'; sections: " + String.join(" ", SECTIONS));
                System.exit(2);
            }
        }
        Path work = Path.of(System.getProperty("framewise.benchDir", "target/bench-server"))
                .toAbsolutePath();
        Files.createDirectories(work);
        long uploadBytes = Long.getLong("framewise.uploadGiB", 4) * 1024 * 1024 * 1024;
        System.out.printf(
                Locale.ROOT,
                "Framewise server benchmarks on %d cores, Java %s, work folder %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                work);
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        if (only.contains("upload")) {
            new UploadBench(work, uploadBytes).run(rows);
        }
        if (only.contains("range") || only.contains("ws") || only.contains("notes")) {
            Path dataDir = work.resolve("library-data");
            deleteTree(dataDir);
            try {
                System.out.println("preparing the library...");
                BenchLibrary library = BenchLibrary.create(dataDir, only.contains("range"), only.contains("notes"));
                try (ServerProcess server = ServerProcess.start(dataDir, "1g", work.resolve("library-server.log"))) {
                    if (only.contains("range")) {
                        new RangeBench(work).run(server, library, rows);
                    }
                    if (only.contains("ws")) {
                        new WsBench().run(server, library, rows);
                    }
                    if (only.contains("notes")) {
                        new NotesBench().run(server, library, rows);
                    }
                }
            } finally {
                deleteTree(dataDir);
            }
        }
        if (only.contains("scale")) {
            new ScaleBench(work).run(rows);
        }
        if (only.contains("hls")) {
            new HlsBench(work).run(rows);
        }
        if (only.contains("seek")) {
            new SeekBench(work).run(rows);
        }
        if (only.contains("step")) {
            new StepBench(work).run(rows);
        }
        if (only.contains("soak")) {
            new SoakBench(work).run(rows);
        }
        if (only.contains("web")) {
            new WebBench(work).run(rows);
        }
        if (only.contains("storage")) {
            new StorageBench(work).run(rows);
        }
        if (only.contains("crypt")) {
            new CryptBench(work).run(rows);
        }
        if (only.contains("fanout")) {
            new FanoutBench(work).run(rows);
        }
        if (only.contains("nodes")) {
            new NodesBench(work).run(rows);
        }
        System.out.printf(Locale.ROOT, "%nwall time %.0f s%n%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("| benchmark | Framewise | alternative | ratio | goal |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        // HttpClient and WebSocket threads of the clients must not keep the JVM alive.
        System.exit(0);
    }

    /**
     * Makes sure the commands exist, installing the Debian packages as root when they are missing.
     * Returns null when they are there, else the command that would install them.
     */
    static String ensurePackages(List<String> packages, List<String> commands) throws InterruptedException {
        if (commands.stream().allMatch(ServerBench::onPath)) {
            return null;
        }
        String command = "sudo apt-get install -y " + String.join(" ", packages);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !onPath("apt-get")) {
            return command;
        }
        System.out.println("installing " + String.join(" ", packages) + " with apt-get...");
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
        install.addAll(packages);
        try {
            if (run(List.of("apt-get", "update", "-qq")) != 0 || run(install) != 0) {
                return command;
            }
        } catch (IOException e) {
            return command;
        }
        return commands.stream().allMatch(ServerBench::onPath) ? null : command;
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        return p.waitFor(10, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
