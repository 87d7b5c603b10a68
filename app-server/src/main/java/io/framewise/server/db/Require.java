package io.framewise.server.db;

/**
 * Argument checks for the domain records' constructors. Every failure is an
 * {@link IllegalArgumentException} whose message names the field, so the HTTP layer can answer
 * 422 with it as it is.
 */
public final class Require {

    private Require() {}

    /** A non-blank text of at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return maxLength(field, value, max);
    }

    /** A text (possibly empty) of at most {@code max} characters. */
    public static String maxLength(String field, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(
                    field + " must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /** Like {@link #maxLength} but allows {@code null}. */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : maxLength(field, value, max);
    }

    /** {@code value} within {@code [min, max]}. */
    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A value that must be present. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** At most 40 characters of {@code text}, for error messages that quote input. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
