package io.framewise.organizer.sdk;

import java.util.Arrays;

/**
 * Runs an organizer class by name: {@code java -cp ... io.framewise.organizer.sdk.OrganizerMain
 * com.example.MyOrganizer [args]}. The class needs a public no-argument constructor. Handy for
 * organizers that do not want their own {@code main}, and for the test kit.
 */
public final class OrganizerMain {

    private OrganizerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: OrganizerMain ORGANIZER_CLASS [ARGS...]");
            System.exit(2);
        }
        Object instance = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        if (!(instance instanceof Organizer organizer)) {
            System.err.println(args[0] + " does not implement " + Organizer.class.getName());
            System.exit(2);
            return;
        }
        OrganizerServer.serve(organizer, Arrays.copyOfRange(args, 1, args.length));
    }
}
