package io.framewise.organizer.sdk;

/**
 * The organizer API version, "MAJOR.MINOR". Minor versions only add (fields, RPCs, hooks); a
 * different major version is refused at the handshake by both sides with a message saying which
 * side to upgrade.
 */
public final class ApiVersion {

    public static final int MAJOR = 1;
    public static final int MINOR = 1;
    public static final String CURRENT = MAJOR + "." + MINOR;

    private ApiVersion() {}

    /** The major number of a "MAJOR.MINOR" string, or -1 when it is not one. */
    public static int majorOf(String version) {
        if (version == null) {
            return -1;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Null when {@code theirs} is compatible, else the sentence explaining the refusal. */
    public static String mismatch(String side, String theirs) {
        int major = majorOf(theirs);
        if (major == MAJOR) {
            return null;
        }
        String shown = theirs == null || theirs.isEmpty() ? "no version" : "API " + theirs;
        return "the " + side + " speaks " + shown + " but this side speaks API " + CURRENT
                + " (major versions must match): upgrade the older one";
    }
}
