package io.framewise.server.auth;

/**
 * What a password must be: 10 to 1024 characters (counted as Unicode code points) and not only
 * whitespace. Length is what makes a password hard to guess; composition rules only make people
 * write them down, so there are none. The upper bound keeps one login from buying minutes of
 * hashing work.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {}

    /**
     * Returns {@code password} when it is acceptable.
     *
     * @throws AccountException.WeakPassword saying what to change
     */
    public static String check(String password) {
        if (password == null || password.isEmpty()) {
            throw new AccountException.WeakPassword(
                    "the password is empty; use at least " + MIN_LENGTH + " characters");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new AccountException.WeakPassword(
                    "the password is too short (" + length + " characters); use at least " + MIN_LENGTH);
        }
        if (length > MAX_LENGTH) {
            throw new AccountException.WeakPassword(
                    "the password is too long (" + length + " characters); use at most " + MAX_LENGTH);
        }
        if (password.codePoints().allMatch(PasswordPolicy::isSpace)) {
            throw new AccountException.WeakPassword("the password is only whitespace");
        }
        return password;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
