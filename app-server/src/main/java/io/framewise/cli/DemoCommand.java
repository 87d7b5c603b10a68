package io.framewise.cli;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.AuthMode;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.demo.DemoLibrary;
import io.framewise.server.demo.DemoUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise demo}: the server on a fresh demo library with sample media, notes and drawings. */
@Command(
        name = "demo",
        description = "Start the server on a fresh demo library (sample media with a drop-frame timecode, notes"
                + " with drawings, a ProRes clip that gets a proxy, an audio file) and print where it is.")
final class DemoCommand implements Callable<Integer> {

    /** Marks a folder as the demo's own, so that only such a folder is ever wiped. */
    static final String MARKER = ".framewise-demo";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Demo data folder (default: $XDG_DATA_HOME/framewise-demo).")
    Path data;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8642",
            description = "Port (default 8642; 0 picks one).")
    int port;

    @Option(
            names = "--auth",
            paramLabel = "MODE",
            defaultValue = "none",
            description = "none (no sign-in, the default) or local (sign in as one of the demo's accounts).")
    String auth;

    @Option(names = "--no-wait", description = "Load the demo library and stop, instead of serving until Ctrl-C.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        ServerSettings settings = new ServerSettings(System.getenv(), null);
        Path dir = data != null ? data : settings.defaultData().resolveSibling("framewise-demo");
        Path samples = settings.defaultData().resolveSibling("framewise-demo-samples");
        fresh(dir);
        var out = spec.commandLine().getOut();
        out.println("Making the demo samples (once) in " + samples + " ...");
        out.flush();
        DemoLibrary library = new DemoLibrary(samples);
        library.samples();
        AuthMode mode = AuthMode.fromWire(auth.strip().toLowerCase(java.util.Locale.ROOT));
        if (mode == AuthMode.PROXY) {
            throw new IllegalArgumentException("the demo runs with --auth none or --auth local, not proxy");
        }
        FramewiseServer server = FramewiseServer.start(ServerConfig.defaults(dir)
                .withPort(port)
                .withAuth(mode == AuthMode.LOCAL ? AuthSettings.local() : AuthSettings.none()));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    server.close();
                    stopped.countDown();
                },
                "framewise-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        DemoUsers users = new DemoUsers(server.repositories().accounts());
        Account admin = users.seed();
        String token = mode == AuthMode.LOCAL
                ? server.tokens()
                        .issue(admin.id(), "demo loader", Instant.now().plus(Duration.ofHours(1)))
                        .token()
                : null;
        Map<String, String> ids = library.load(server.baseUri(), Duration.ofMinutes(5), token);
        server.repositories()
                .projects()
                .list()
                .forEach(p -> users.join(server.repositories().members(), p.id()));
        out.printf("Framewise demo on %s (data: %s)%n", server.baseUri(), dir);
        Map<String, String> assets = library.assetIds();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out.printf("  %-26s %sreview/%s%n", e.getKey(), server.baseUri(), assets.get(e.getKey()));
        }
        out.printf("API description: %sapi/openapi.json%n", server.baseUri());
        if (mode == AuthMode.LOCAL) {
            out.printf("Sign in as %s, password '%s'.%n", String.join(", ", DemoUsers.describe()), DemoUsers.PASSWORD);
        } else {
            out.println("No sign-in (auth none): you are the local administrator. `demo --auth local` has accounts.");
        }
        out.flush();
        if (noWait) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            return 0;
        }
        out.println("Ctrl-C stops the demo.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Empties the demo folder, but only one that is empty or carries the demo's marker. */
    static void fresh(Path dir) throws IOException {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not a demo folder (it has files and no " + MARKER
                            + " marker); choose another with --data");
                }
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "Framewise demo library: emptied by every `framewise demo`.\n");
    }
}
