package io.framewise.desktop;

import java.nio.file.Path;
import java.util.Map;

/**
 * The desktop app's command line: {@code [--server URL] [--data DIR]}.
 *
 * @param server connect to this server at start, or null to show the connect screen
 * @param data the folder for "work locally" and "host on LAN"
 */
public record DesktopOptions(String server, Path data) {

    public static final String USAGE = "usage: framewise desktop [--server URL] [--data DIR]";

    public static DesktopOptions parse(String[] args, Map<String, String> env) {
        String server = null;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--server" -> server = value != null ? value : next(args, ++i, a);
                case "--data" -> data = Path.of(value != null ? value : next(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (server != null && !server.startsWith("http://") && !server.startsWith("https://")) {
            throw new IllegalArgumentException("--server must be an http:// or https:// URL, not " + server);
        }
        return new DesktopOptions(server, data != null ? data : defaultData(env));
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    /** {@code $XDG_DATA_HOME/framewise}, else {@code ~/.local/share/framewise}: the server's own default. */
    static Path defaultData(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("framewise");
    }
}
