package io.framewise.server.auth;

import java.util.Locale;

/** How the server learns who is asking: nobody to ask, its own accounts, or a reverse proxy. */
public enum AuthMode {
    /** One implicit local user who may do everything; the server then listens on loopback only. */
    NONE,
    /** Built-in accounts: password sign-in with a session cookie, and personal API tokens. */
    LOCAL,
    /** Identity from headers set by a trusted reverse proxy, plus personal API tokens. */
    PROXY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthMode fromWire(String text) {
        for (AuthMode mode : values()) {
            if (mode.wire().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("auth mode must be none, local or proxy, got " + text);
    }
}
