package io.framewise.server.subtitles;

import io.framewise.server.http.ApiException;

/** Checks the query parameters of an upload: a language tag, a label and the default flag. */
final class SubtitleInput {

    static final int MAX_LABEL = 100;

    private SubtitleInput() {}

    /** A BCP 47 language tag ("en", "pt-BR", "fra"), or null when none is given. */
    static String language(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 35 || !t.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            throw new ApiException.BadRequest("language must be a language tag such as en, fra or pt-BR");
        }
        return t;
    }

    /** A label shown in track menus: one line of at most {@link #MAX_LABEL} characters, or null. */
    static String label(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > MAX_LABEL) {
            throw new ApiException.BadRequest("label is at most " + MAX_LABEL + " characters");
        }
        if (t.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException.BadRequest("label must be one line of text without control characters");
        }
        return t;
    }

    static boolean flag(String name, String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException.BadRequest(name + " must be true or false");
        };
    }
}
