package io.framewise.server.organizer;

import java.time.Instant;
import java.util.List;

/**
 * An organizer as administrators see it.
 *
 * @param state {@code running}, {@code starting}, {@code restarting} (waiting out a backoff),
 *     {@code failed} (refused for good, e.g. an incompatible API version) or {@code stopped}
 * @param command the external command, empty for the built-in organizer
 * @param hooks the hooks it claims, as wire names ({@code authorize}, {@code list_folder}...)
 * @param restarts how many times it was restarted
 * @param lastError the latest failure, or null
 */
public record OrganizerStatus(
        String name,
        String state,
        boolean builtIn,
        List<String> command,
        String version,
        String apiVersion,
        List<String> hooks,
        int restarts,
        String lastError,
        Instant since) {}
