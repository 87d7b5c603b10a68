package io.framewise.organizer.sdk.testing;

import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.OrganizerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an organizer for real against a real server in a test: the command line the server starts
 * as an external organizer process (the same handshake, socket and health checks as production),
 * using the test's own class path. Pass it to the server's organizer settings, then call the
 * server's API.
 */
public final class OrganizerTestKit {

    private OrganizerTestKit() {}

    /** {@code java -cp <this JVM's class path> OrganizerMain <type> <args>}. */
    public static List<String> command(Class<? extends Organizer> type, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OrganizerMain.class.getName());
        command.add(type.getName());
        command.addAll(List.of(args));
        return List.copyOf(command);
    }
}
