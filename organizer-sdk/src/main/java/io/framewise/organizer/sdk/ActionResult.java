package io.framewise.organizer.sdk;

import java.util.Objects;

/**
 * What an action did.
 *
 * @param message one sentence for the user
 * @param navigatePath the path a UI should show next, empty to stay
 */
public record ActionResult(String message, String navigatePath) {

    public ActionResult {
        message = Objects.requireNonNullElse(message, "");
        navigatePath = Objects.requireNonNullElse(navigatePath, "");
    }

    public static ActionResult done(String message) {
        return new ActionResult(message, "");
    }
}
